#pragma once
// Turns what the user typed (--source, or the settings) into an open FrameSource:
//   ""  or "test-pattern"        the built-in moving test pattern
//   /dev/videoN  or  v4l2:N      a V4L2 frame grabber
//   a folder                     a recorded run or a case folder (replay), else an image folder
//   a .json file                 a simulated-patient scenario (assets/scenarios/)
//   a DICOM file (.dcm or DICM)  a DICOM cine replay
//   anything else                a video file

#include <memory>
#include <string>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

inline constexpr const char* kTestPatternSpec = "test-pattern";

// True when `spec` names a simulated-patient scenario.
bool isScenarioSpec(const std::string& spec);

core::Result<std::unique_ptr<FrameSource>> openSource(const std::string& spec,
                                                      const SourceOptions& options);

}  // namespace fg::capture
