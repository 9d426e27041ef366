#pragma once
// A folder of still images (PNG, TIFF, PGM, JPEG, BMP) played in file-name order at a set rate.
// 16-bit images stay 16-bit. Name files with zero-padded numbers so that name order is time order.

#include <filesystem>
#include <memory>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

core::Result<std::unique_ptr<FrameSource>> openImageFolder(const std::filesystem::path& folder,
                                                           const SourceOptions& options);

}  // namespace fg::capture
