#pragma once
// Replay's cost for `fluoroguide bench`: a 300-frame 1024x1024 16-bit run written to a temporary
// folder, opened as the window opens a replay (interactive), then the time from opening it to its
// first frame's pixels, and the time from a seek anywhere in it to that frame's pixels, against
// the memcpy floor.

#include "core/Status.hpp"

namespace fg::app {

struct ReplayCost {
  int frames = 0;
  double openToFirstFrameMs = 0;        // open the run (index) and read frame 0's pixels
  double seekP50Ms = 0, seekP99Ms = 0;  // read a frame at a random place
  double residentGrowthMiB = 0;         // resident memory added by reading every frame twice
};

core::Result<ReplayCost> measureReplay();

}  // namespace fg::app
