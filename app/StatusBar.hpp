#pragma once
#include <string>
#include <vector>
// The one-line status bar at the bottom of the window: stream state, source, frame size and
// spacing, frames in/out per second, every loss counter, capture->display latency, window/level.

#include "app/StatusSnapshot.hpp"
#include "app/ViewerState.hpp"

namespace fg::app {

float statusBarHeight();
// What the picture is, in words: "LIVE" only for a live source; "SIMULATED", "TEST PATTERN";
// "REPLAY" / "PLAYBACK" (a file), with "PAUSED" or "END"; "... HOLD" when a live source stops.
std::string streamStateLabel(const StatusSnapshot& status);
void drawStatusBar(const StatusSnapshot& status, const ViewerState& state);
// What the last drawing could not fit (listed under its "..." tooltip); empty when all was shown.
const std::vector<std::string>& statusBarHidden();

}  // namespace fg::app
