#pragma once
// A V4L2 frame grabber on the C-arm's video output, through OpenCV's V4L2 backend. The device
// sets the cadence; the crop takes the image out of the video signal (1024x1024 inside
// 1280x1024 on most C-arms). Repeated frames between pulses are removed by the capture thread.

#include <memory>
#include <string>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

// `device` is a path such as /dev/video0. Grabs one frame to learn the format, so an unplugged or
// busy grabber fails here with a message that says so.
core::Result<std::unique_ptr<FrameSource>> openV4l2(const std::string& device,
                                                    const SourceOptions& options);

}  // namespace fg::capture
