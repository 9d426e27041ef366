#pragma once
// Files the app writes for people and tools: PNG snapshots, the run statistics JSON, and the
// owner-only output folders they go into.

#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/StatusSnapshot.hpp"
#include "core/Status.hpp"
#include "render/RenderTarget.hpp"

namespace fg::app {

// Creates `dir` (and parents) readable only by its owner; clear error when it cannot.
core::Status makePrivateDir(const std::filesystem::path& dir);

core::Status writePng(const render::RgbaImage& image, const std::filesystem::path& path);

// Writes to a temporary name, then renames: a full disk never leaves half a file behind.
core::Status writeJson(const nlohmann::json& value, const std::filesystem::path& path);

nlohmann::json statusToJson(const StatusSnapshot& status);

}  // namespace fg::app
