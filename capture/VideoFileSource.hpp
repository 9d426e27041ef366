#pragma once
// A recorded video (anything FFmpeg decodes), delivered as 8-bit gray at the file's frame rate.

#include <filesystem>
#include <memory>
#include <opencv2/videoio.hpp>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

inline constexpr double kDefaultVideoFps = 15.0;

// The rate to play `video` at: the user's (options.framesPerSecond), else the file's; 0 when the
// file gives none usable (the caller falls back to kDefaultVideoFps and may say so).
double videoFramesPerSecond(cv::VideoCapture& video, const SourceOptions& options);

// Opens the file and decodes its first frame, so a missing or corrupt file fails here, clearly.
core::Result<std::unique_ptr<FrameSource>> openVideoFile(const std::filesystem::path& path,
                                                         const SourceOptions& options);

}  // namespace fg::capture
