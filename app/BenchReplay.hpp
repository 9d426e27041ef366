#pragma once
// Replay's cost for `fluoroguide bench`: a 300-frame 1024x1024 12-bit run of the simulated case
// (recorded to a temporary folder, and exported to DICOM native, JPEG-LS lossless and JPEG 2000
// lossless), each opened as the window opens a replay (interactive): the time from opening it to
// its first frame's pixels, the time from a seek anywhere in it to that frame's pixels, and the
// resident memory added by 600 seeks, against the memcpy floor. A compressed cine is also timed
// while its frames are still being decoded in the background, and until they all are.

#include <string>
#include <vector>

#include "core/Status.hpp"

namespace fg::app {

struct ReplayCost {
  std::string what;  // "recorded run", "DICOM JPEG-LS lossless", ...
  int frames = 0;
  double openToFirstFrameMs = 0;        // open the replay and read frame 0's pixels
  double seekP50Ms = 0, seekP99Ms = 0;  // seek to a random frame and read its pixels
  double residentGrowthMiB = 0;         // resident memory added by the seeks
  // Compressed cines: seeks while the background still decodes (each frame decoded on the spot),
  // and the seconds from opening until every frame is decoded; 0 when nothing is decoded later.
  double decodingSeekP50Ms = 0, cacheReadyS = 0;
};

core::Result<std::vector<ReplayCost>> measureReplay();

}  // namespace fg::app
