#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {
// `fluoroguide eval contrast`: the contrast chain on simulated scenarios against their ground
// truth. Prints a table and the pattern confusion table; exits non-zero when a figure falls short
// (Dice >= 0.90 at normal dose and >= 0.80 at low dose; intravascular flagged within 0.5 s of the
// first arrival; no intravascular alarm in an epidural scenario).
int runEvalContrast(const AppOptions& options);
}  // namespace fg::app
