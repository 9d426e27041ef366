#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {
// `fluoroguide eval needle`: the needle detector on simulated scenarios against their ground
// truth. Prints a table per scenario and the totals; exits non-zero when a figure falls short:
// tip error median <= 0.5 mm and 95th percentile <= 1.5 mm, axis angle error median <= 1 degree,
// needle found in >= 98 % of the frames that show one, a needle reported in <= 1 % of the frames
// without one, and level markers within 1 mm of the true vertebra centres after motion.
int runEvalNeedle(const AppOptions& options);
}  // namespace fg::app
