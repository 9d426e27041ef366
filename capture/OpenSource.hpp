#pragma once
// Turns what the user typed (--source, or the settings) into an open FrameSource:
//   ""  or "test-pattern"        the built-in moving test pattern
//   /dev/videoN  or  v4l2:N      a V4L2 frame grabber
//   a folder                     an image folder
//   a .json file                 a simulated-patient scenario (assets/scenarios/)
//   anything else                a video file

#include <memory>
#include <string>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

inline constexpr const char* kTestPatternSpec = "test-pattern";

core::Result<std::unique_ptr<FrameSource>> openSource(const std::string& spec,
                                                      const SourceOptions& options);

}  // namespace fg::capture
