#pragma once
// The plan set in 3D for simulated cases, in the Guidance panel: a named point of the anatomy for
// the target and one for the skin entry, each moved by an offset in patient mm (LPS), projected
// onto the image shown and placed as the plan's target and entry (one undo step each).

#include "app/Plan3D.hpp"
#include "app/ViewerState.hpp"

namespace fg::app {

struct Plan3DChoice {
  int target = 0, entry = 1;  // indices into Plan3D::points()
  float targetOffsetMm[3] = {0, 0, 0};
  float entryOffsetMm[3] = {0, 0, 0};
  std::string error;
};

void plan3DSection(ViewerState& state, Plan3DChoice& choice, const Plan3D& plan3D,
                   const core::FrameRef& shown);

}  // namespace fg::app
