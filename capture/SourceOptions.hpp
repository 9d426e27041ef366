#pragma once
// What the user may say about a source beyond its name (command line or settings).

#include <cstdint>
#include <string>

#include "capture/FrameSource.hpp"
#include "capture/GrayCopy.hpp"

namespace fg::capture {

struct SourceOptions {
  CropRect crop;             // image inside the incoming picture; full picture by default
  double framesPerSecond = 0;  // image folders (default 15); overrides a video's own rate if > 0
  double mmPerPixel = 0;     // pixel spacing when the source does not carry one; 0 = unknown
  Pacing pacing = Pacing::Invalid;  // Invalid = the source's own; AsFastAsPossible for benchmarks
  int64_t frameCount = -1;   // test pattern length; -1 endless
  bool interactive = false;  // replays under the user's control (play, pause, seek) in the window
  // V4L2 grabber settings (0 / empty = the device's current mode).
  std::string fourcc;        // e.g. "YUYV", "GREY", "MJPG"
  int captureWidth = 0;
  int captureHeight = 0;
};

}  // namespace fg::capture
