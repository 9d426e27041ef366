#pragma once
// The one-line status bar at the bottom of the window: stream state, source, frame size and
// spacing, frames in/out per second, every loss counter, capture->display latency, window/level.

#include "app/StatusSnapshot.hpp"
#include "app/ViewerState.hpp"

namespace fg::app {

float statusBarHeight();
void drawStatusBar(const StatusSnapshot& status, const ViewerState& state);

}  // namespace fg::app
