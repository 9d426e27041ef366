#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {
// `fluoroguide eval realdata`: the guidance on real images whose truth is known without a
// simulator (../shared/realdata, development data; never needed at run time):
//   - a clinical coronary angiography run (contrast in the arteries from the first frames, a
//     beating heart): called intravascular, the alert raised;
//   - two XA cines of a static coronary phantom (nothing injected while they were taken: their
//     frames differ by noise only, which the evaluation measures and prints): no contrast in any
//     frame, and the needles found are reported (the phantom holds catheters, no needle);
//   - two lumbar radiographs (AP, lateral) played as a static run with quantum-like noise
//     (bone dark, as fluoroscopy shows it): no contrast, no needle.
// Exits non-zero when any check falls short, 2 when the data cannot be read.
int runEvalRealData(const AppOptions& options);
}  // namespace fg::app
