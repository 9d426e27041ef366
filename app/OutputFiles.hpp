#pragma once
// Files the app writes for people and tools: PNG snapshots, the run statistics JSON, and the
// owner-only output folders they go into.

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/StatusSnapshot.hpp"
#include "core/Status.hpp"
#include "procedure/CaseFiles.hpp"
#include "render/RenderTarget.hpp"

namespace fg::app {

// Owner-only folders and whole-file JSON writes are the case folder's (procedure/CaseFiles).
using procedure::makePrivateDir;
using procedure::writeJson;

core::Status writePng(const render::RgbaImage& image, const std::filesystem::path& path);


nlohmann::json statusToJson(const StatusSnapshot& status);

}  // namespace fg::app
