#pragma once
// The whole per-frame guidance (conversion, field, contrast, needle, levels: guidance::FrameAnalysis
// as the live view runs it) on the CT patient through each imaging chain of the default matrix, for
// `fluoroguide bench`: p50, p99 and the worst frame against the memcpy of that chain's frame.

#include <string>
#include <vector>

#include "core/Status.hpp"

namespace fg::app {

struct GuidanceCost {
  std::string chain;        // the matrix variant
  int width = 0, height = 0, bytesPerPixel = 0;
  int frames = 0;
  double memcpyMs = 0;      // one frame of this size
  double p50Ms = 0, p99Ms = 0, maxMs = 0;
  // The median of each part on its own (the contrast chain includes the shared conversion).
  double contrastP50Ms = 0, needleP50Ms = 0, levelsP50Ms = 0;
};

// Every variant of `matrix` on `base`, over the frames from a little before the injection to a few
// seconds after it (the contrast chain at work, the needle tracked, levels followed).
core::Result<std::vector<GuidanceCost>> measureGuidancePerChain(const std::string& matrix, const std::string& base);

}  // namespace fg::app
