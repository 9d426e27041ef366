#pragma once
// A video file replayed under the user's control (the window): any frame by number (FFmpeg seeks
// to the key frame before it and decodes on), with a background decoder filling the decoded-frame
// cache so scrubbing becomes immediate. A stream whose frame count FFmpeg cannot tell plays
// straight through as before (openVideoFile).

#include <filesystem>
#include <memory>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

core::Result<std::unique_ptr<FrameSource>> openVideoReplay(const std::filesystem::path& path,
                                                           const SourceOptions& options);

}  // namespace fg::capture
