#pragma once
// A recorded run as an H.264 MP4 (through FFmpeg, by OpenCV's video writer), for teaching: each
// frame windowed to 8 bits with one window for the whole run (from the 0.5 and 99.5 percentiles of
// its middle frame, so the loop does not flicker), at the run's own frame rate. Frames with
// overlays burned in are drawn by the app through the screen's GL pipeline and written the same
// way (writeMp4Frames).

#include <filesystem>
#include <functional>
#include <opencv2/core.hpp>

#include "core/Status.hpp"
#include "core/ViewOrientation.hpp"
#include "record/CineRun.hpp"

namespace fg::record {

// The run's mean frame rate from its capture times (15 when it cannot tell).
double runFramesPerSecond(const CineRun& run);

// `image` turned and mirrored as the C-arm's monitor shows it (a video is a viewing copy and is
// written as the screen shows it; DICOM keeps the pixels as acquired).
void applyTurn(const core::ViewOrientation& turn, cv::Mat& image);

core::Status exportMp4(const CineRun& run, const std::filesystem::path& file,
                       const core::ViewOrientation& turn = {});

// `frame(i, out)` gives frame i as 8-bit BGR (all the same size); `count` frames at `fps`.
core::Status writeMp4Frames(const std::filesystem::path& file, size_t count, double fps,
                            const std::function<core::Status(size_t, cv::Mat&)>& frame);

}  // namespace fg::record
