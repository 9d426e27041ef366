#include "core/AssetDir.hpp"

#include <cstdlib>

namespace fg::core {

std::filesystem::path assetDir() {
  if (const char* env = std::getenv("FLUOROGUIDE_ASSETS"); env && *env) return env;
  return FG_ASSET_DIR;
}

}  // namespace fg::core
