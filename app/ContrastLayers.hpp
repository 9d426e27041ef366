#pragma once
// A contrast result as the two 8-bit layers the renderer draws (analysis px, row-major):
// - the spread: 255 where contrast is in this frame, a dimmer value where it has been since the
//   mask (0 elsewhere), for the "hot" colour table;
// - the subtracted image: mid-grey 128 for no change, darker where contrast attenuates, scaled
//   so that +-8 noise sigmas span the grey range (contrast shows black, as on a DSA screen).
// Pure functions: no GL, so the mapping is tested on its own.

#include <cstdint>
#include <vector>

#include "guidance/ContrastAnalyzer.hpp"

namespace fg::app {

// Through the "hot" table: yellow where contrast is now, red where it has been.
inline constexpr uint8_t kSpreadNowValue = 175;
inline constexpr uint8_t kSpreadEarlierValue = 80;

struct LayerImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> values;
  bool empty() const { return values.empty(); }
};

// A result older than this (its frame's time behind the shown frame's) is not drawn as current
// guidance: the overlay is withheld and the panel says why.
inline constexpr double kStaleOverlayS = 0.5;

// How far the result's frame lies behind the shown frame (s; 0 or more).
// Infinite when the result is of another part of the timeline (before a seek or a loop).
double overlayAgeS(const guidance::ContrastResult& result, const core::Frame& shown);

LayerImage spreadLayer(const guidance::ContrastResult& result, bool withAccumulated);
LayerImage subtractedLayer(const guidance::ContrastResult& result);

}  // namespace fg::app
