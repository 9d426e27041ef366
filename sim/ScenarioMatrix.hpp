#pragma once
// A scenario matrix: base scenarios crossed with imaging-chain variants, so that an evaluation
// runs tens of cases on every chain instead of a handful on one. A matrix is a JSON file
// (assets/scenarios/matrices/*.json, documented in assets/scenarios/README.md):
//   {"name": "...", "description": "...",
//    "bases": ["ct-l4-5-interlaminar-epidural", ...],          scenario names in the folder
//    "variants": [{"name": "flat-panel-log", "set": {...}}, ...]}  fields merged into each base
// Every base meets every variant. A case is named BASE@VARIANT; its seed is the base's seed plus
// 101 times the variant's position, so each case is reproducible and noise differs between them.

#include <filesystem>
#include <string>
#include <vector>

#include "core/Status.hpp"
#include "sim/Scenario.hpp"

namespace fg::sim {

struct MatrixCase {
  std::string name;      // BASE@VARIANT
  std::string base, variant;
  std::string json;      // the expanded scenario, as a scenario file holds it
  Scenario scenario;
};

// Reads a matrix file; bases are looked up in `scenarioDir`. A malformed matrix, a missing base or
// a variant that makes a base invalid is refused with a message naming it.
core::Result<std::vector<MatrixCase>> expandMatrix(const std::filesystem::path& matrixFile,
                                                   const std::filesystem::path& scenarioDir);

}  // namespace fg::sim
