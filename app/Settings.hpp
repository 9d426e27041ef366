#pragma once
// What the workstation remembers between runs, in the user's config folder (owner-only):
// settings.json (source, display, presets, window) and imgui.ini (panel layout).
// No patient data is ever written here.

#include <filesystem>
#include <string>
#include <vector>

#include "core/Status.hpp"

namespace fg::app {

// A preset as fractions of the stored range (0..1), so one preset serves 8-bit video and 12-bit
// detector images alike.
struct WindowLevelPreset {
  std::string name;
  double centerFraction = 0.5;
  double widthFraction = 1.0;
};

struct WindowGeometry {
  int x = -1, y = -1;  // -1: let the window manager place it
  int width = 1600;
  int height = 1000;
  bool fullscreen = false;
};

struct Settings {
  std::string source = "simulated";  // the built-in simulated epidural case
  double gamma = 1.0;
  bool inverted = false;
  bool vsync = false;  // off: draw each frame the moment it arrives (lowest latency)
  double noiseFilter = 0.3;  // the display's recursive noise filter, 0 (off) .. 1
  bool largeType = false;    // the large type of the table-side screen
  double panelWidth = 420;   // px of the side column (its left edge is dragged to resize it)
  std::vector<WindowLevelPreset> presets = defaultPresets();
  WindowGeometry window;

  static std::vector<WindowLevelPreset> defaultPresets();
};

// $XDG_CONFIG_HOME/fluoroguide, else ~/.config/fluoroguide.
std::filesystem::path defaultConfigDir();

// Missing file: defaults, ok. Unreadable or malformed file: defaults plus an error naming the
// file and the field; the caller reports it and keeps running (the file is not overwritten until
// the user changes a setting).
struct LoadedSettings {
  Settings settings;
  core::Status status = core::Status::ok();
};
LoadedSettings loadSettings(const std::filesystem::path& configDir);

// Writes atomically (temp file + rename) into a folder created with owner-only permissions.
core::Status saveSettings(const std::filesystem::path& configDir, const Settings& settings);

}  // namespace fg::app
