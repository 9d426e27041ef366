#pragma once
// `fluoroguide scenarios`: lists the simulated cases, expands a scenario matrix (and runs each
// case headless with its ground truth), or previews one frame of a scenario as a PNG.

#include "app/AppOptions.hpp"

namespace fg::app {

int runScenarioTool(const AppOptions& options);

// assets/scenarios/matrices/NAME.json for a bare name, else the path as given.
std::filesystem::path resolveMatrix(const std::string& nameOrFile);

}  // namespace fg::app
