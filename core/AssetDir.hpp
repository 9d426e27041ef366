#pragma once
// Where the project's assets are (scenarios, protocols, the CT of the simulated patient), whether
// the program runs from its build tree or from anywhere else.

#include <filesystem>

namespace fg::core {

// The assets folder: $FLUOROGUIDE_ASSETS, else the source tree's assets/ (compiled in).
std::filesystem::path assetDir();

}  // namespace fg::core
