#include "app/Settings.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

namespace fg::app {
namespace fs = std::filesystem;
using nlohmann::json;

std::vector<WindowLevelPreset> Settings::defaultPresets() {
  return {{"Full range", 0.5, 1.0},
          {"High contrast", 0.5, 0.5},
          {"Bright (bone)", 0.62, 0.45},
          {"Dark (soft tissue)", 0.4, 0.55}};
}

fs::path defaultConfigDir() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "fluoroguide";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "fluoroguide";
  return fs::current_path() / ".fluoroguide";
}

namespace {

constexpr const char* kFileName = "settings.json";

template <class T>
void read(const json& j, const char* key, T& into, const std::string& where) {
  if (!j.contains(key)) return;
  try {
    into = j.at(key).get<T>();
  } catch (const json::exception&) {
    throw std::runtime_error("field '" + where + key + "' has the wrong type");
  }
}

Settings parse(const json& j) {
  Settings s;
  if (!j.is_object()) throw std::runtime_error("top level is not an object");
  read(j, "source", s.source, "");
  read(j, "gamma", s.gamma, "");
  read(j, "inverted", s.inverted, "");
  read(j, "vsync", s.vsync, "");
  read(j, "noiseFilter", s.noiseFilter, "");
  read(j, "panelWidth", s.panelWidth, "");
  read(j, "largeType", s.largeType, "");
  if (!(s.panelWidth >= 200 && s.panelWidth <= 2000)) throw std::runtime_error("field 'panelWidth' must be between 200 and 2000 px");
  if (!(s.noiseFilter >= 0 && s.noiseFilter <= 1)) throw std::runtime_error("field 'noiseFilter' must be between 0 and 1");
  if (!(s.gamma > 0.1 && s.gamma < 10)) throw std::runtime_error("field 'gamma' must be between 0.1 and 10");
  if (j.contains("presets")) {
    if (!j["presets"].is_array()) throw std::runtime_error("field 'presets' is not a list");
    s.presets.clear();
    for (size_t i = 0; i < j["presets"].size(); ++i) {
      const json& p = j["presets"][i];
      const std::string where = "presets[" + std::to_string(i) + "].";
      WindowLevelPreset preset;
      read(p, "name", preset.name, where);
      read(p, "center", preset.centerFraction, where);
      read(p, "width", preset.widthFraction, where);
      if (!(preset.widthFraction > 0 && preset.widthFraction <= 4)) {
        throw std::runtime_error("field '" + where + "width' must be in (0, 4]");
      }
      s.presets.push_back(preset);
    }
  }
  if (j.contains("window")) {
    const json& w = j["window"];
    read(w, "x", s.window.x, "window.");
    read(w, "y", s.window.y, "window.");
    read(w, "width", s.window.width, "window.");
    read(w, "height", s.window.height, "window.");
    read(w, "fullscreen", s.window.fullscreen, "window.");
    if (s.window.width < 200 || s.window.height < 150) {
      throw std::runtime_error("field 'window' is smaller than 200x150");
    }
  }
  return s;
}

json toJson(const Settings& s) {
  json presets = json::array();
  for (const auto& p : s.presets) {
    presets.push_back({{"name", p.name}, {"center", p.centerFraction}, {"width", p.widthFraction}});
  }
  return {{"source", s.source},
          {"gamma", s.gamma},
          {"inverted", s.inverted},
          {"vsync", s.vsync},
          {"noiseFilter", s.noiseFilter},
          {"panelWidth", s.panelWidth},
          {"largeType", s.largeType},
          {"presets", presets},
          {"window",
           {{"x", s.window.x}, {"y", s.window.y}, {"width", s.window.width},
            {"height", s.window.height}, {"fullscreen", s.window.fullscreen}}}};
}

}  // namespace

LoadedSettings loadSettings(const fs::path& configDir) {
  LoadedSettings out;
  const fs::path file = configDir / kFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) return out;
  std::ifstream in(file);
  if (!in) {
    out.status = core::Status::error(core::StatusCode::Unreadable,
                                     "settings file " + file.string() + " cannot be read; using defaults");
    return out;
  }
  try {
    out.settings = parse(json::parse(in));
  } catch (const std::exception& e) {
    out.settings = Settings{};
    out.status = core::Status::error(core::StatusCode::Corrupt, "settings file " + file.string() + ": " +
                                                                    e.what() + "; using defaults");
  }
  return out;
}

core::Status saveSettings(const fs::path& configDir, const Settings& settings) {
  std::error_code ec;
  fs::create_directories(configDir, ec);
  fs::permissions(configDir, fs::perms::owner_all, fs::perm_options::replace, ec);
  const fs::path file = configDir / kFileName;
  const fs::path temp = configDir / (std::string(kFileName) + ".tmp");
  {
    std::ofstream out(temp, std::ios::trunc);
    out << toJson(settings).dump(2) << '\n';
    out.flush();
    if (!out) {
      return core::Status::error(core::StatusCode::Io, "cannot write " + temp.string() +
                                                           " (disk full or read-only?)");
    }
  }
  fs::rename(temp, file, ec);
  if (ec) return core::Status::error(core::StatusCode::Io, "cannot replace " + file.string() + ": " + ec.message());
  return core::Status::ok();
}

}  // namespace fg::app
