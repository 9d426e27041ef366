#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {
// Capture and draw with no window: PNG snapshots drawn by the same GL pipeline (offscreen EGL),
// run.json with the run's statistics, contrast.jsonl with the analysis of each analysed frame,
// and for simulated cases truth/ with the ground truth, in options.outDir. Returns the exit code.
int runHeadless(const AppOptions& options);
}  // namespace fg::app
