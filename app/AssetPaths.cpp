#include "app/AssetPaths.hpp"

#include "core/AssetDir.hpp"

namespace fg::app {

std::filesystem::path assetDir() { return core::assetDir(); }

std::string resolveSourceSpec(const std::string& spec) {
  if (spec == kDefaultSourceSpec) return (assetDir() / "scenarios" / "ct-l4-5-interlaminar-epidural.json").string();
  if (spec.rfind("sim:", 0) == 0) return (assetDir() / "scenarios" / (spec.substr(4) + ".json")).string();
  return spec;
}

}  // namespace fg::app
