#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {
// Capture and draw with no window: PNG snapshots drawn by the same GL pipeline (offscreen EGL)
// and run.json with the run's statistics, in options.outDir. Returns the process exit code.
int runHeadless(const AppOptions& options);
}  // namespace fg::app
