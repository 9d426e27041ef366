#pragma once
// A moving test pattern that says what it is: the default source until the simulated patient
// exists, and the synthetic load of the bench. 16-bit with a 12-bit range, like an X-ray detector.
// Contents: a 16-step grey wedge (for checking window/level), line pairs, a disc orbiting the
// centre (for seeing motion and latency) and a frame-counter bar code (for spotting repeats).

#include <memory>

#include "capture/FrameSource.hpp"

namespace fg::capture {

struct TestPatternOptions {
  int width = 1024;
  int height = 1024;
  double mmPerPixel = 0.2;
  int64_t framePeriodNs = 66'666'667;  // 15 pulses per second
  int64_t frameCount = -1;             // -1: endless
  Pacing pacing = Pacing::FramePeriod;
};

std::unique_ptr<FrameSource> makeTestPattern(const TestPatternOptions& options);

}  // namespace fg::capture
