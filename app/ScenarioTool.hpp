#pragma once
// `fluoroguide scenarios`: lists the simulated cases, expands a scenario matrix (and runs each
// case headless with its ground truth), or previews one frame of a scenario as a PNG.

#include <vector>

#include "app/AppOptions.hpp"
#include "sim/ScenarioMatrix.hpp"

namespace fg::app {

int runScenarioTool(const AppOptions& options);

// assets/scenarios/matrices/NAME.json for a bare name, else the path as given.
std::filesystem::path resolveMatrix(const std::string& nameOrFile);
// The names (file stems) of every scenario in assets/scenarios, sorted.
std::vector<std::string> bundledScenarioNames();
// The cases of that matrix, its bases from assets/scenarios.
core::Result<std::vector<sim::MatrixCase>> matrixCases(const std::string& nameOrFile);

}  // namespace fg::app
