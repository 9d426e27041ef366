#pragma once
// A recorded video (anything FFmpeg decodes), delivered as 8-bit gray at the file's frame rate.

#include <filesystem>
#include <memory>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

// Opens the file and decodes its first frame, so a missing or corrupt file fails here, clearly.
core::Result<std::unique_ptr<FrameSource>> openVideoFile(const std::filesystem::path& path,
                                                         const SourceOptions& options);

}  // namespace fg::capture
