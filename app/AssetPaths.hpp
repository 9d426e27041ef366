#pragma once
// Where the project's assets (scenarios, later protocols) are, whether the program runs from its
// build tree or from anywhere else, and the short source names that point into them.

#include <filesystem>
#include <string>

namespace fg::app {

// The assets folder: $FLUOROGUIDE_ASSETS, else the source tree's assets/ (compiled in).
std::filesystem::path assetDir();

// The built-in simulated case the workstation starts on: the CT patient, an L4-5 interlaminar
// epidural in the AP view through an image intensifier (assets/scenarios/ct-l4-5-interlaminar-epidural.json).
inline constexpr const char* kDefaultSourceSpec = "simulated";

// "simulated" -> the default scenario; "sim:NAME" -> assets/scenarios/NAME.json; anything else
// unchanged.
std::string resolveSourceSpec(const std::string& spec);

}  // namespace fg::app
