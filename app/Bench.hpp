#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {
// `fluoroguide bench`: per frame size, a frame memcpy (the physical floor), the capture hand-off
// latency, texture upload + window/level render, and capture->present latency offscreen; each as
// milliseconds and as a ratio to the memcpy. Prints a table; --json writes the same figures.
int runBench(const AppOptions& options);
}  // namespace fg::app
