#include <catch2/catch.hpp>
#include <fstream>
#include <random>

#include "app/Settings.hpp"

using namespace fg::app;
namespace fs = std::filesystem;

namespace {
fs::path freshDir() {
  std::random_device rd;
  auto dir = fs::temp_directory_path() / ("fg-settings-" + std::to_string(rd()));
  fs::remove_all(dir);
  return dir;
}
}  // namespace

TEST_CASE("settings round-trip through an owner-only folder", "[app][settings]") {
  const auto dir = freshDir();
  Settings s;
  s.source = "/dev/video2";
  s.gamma = 1.4;
  s.inverted = true;
  s.presets = {{"Mine", 0.3, 0.2}};
  s.window = {10, 20, 1280, 800, true};
  REQUIRE(saveSettings(dir, s).isOk());
  CHECK((fs::status(dir).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  const auto loaded = loadSettings(dir);
  REQUIRE(loaded.status.isOk());
  CHECK(loaded.settings.source == "/dev/video2");
  CHECK(loaded.settings.gamma == 1.4);
  CHECK(loaded.settings.inverted);
  REQUIRE(loaded.settings.presets.size() == 1);
  CHECK(loaded.settings.presets[0].name == "Mine");
  CHECK(loaded.settings.window.fullscreen);
  fs::remove_all(dir);
}

TEST_CASE("missing settings give defaults without an error", "[app][settings]") {
  const auto loaded = loadSettings(freshDir());
  CHECK(loaded.status.isOk());
  CHECK(loaded.settings.source == "simulated");
  CHECK(loaded.settings.presets.size() == 4);
}

TEST_CASE("malformed settings name the file and the field, and fall back to defaults",
          "[app][settings][errors]") {
  const auto dir = freshDir();
  fs::create_directories(dir);
  std::ofstream(dir / "settings.json") << R"({"gamma": "bright"})";
  auto loaded = loadSettings(dir);
  REQUIRE_FALSE(loaded.status.isOk());
  CHECK_THAT(loaded.status.message(), Catch::Contains("settings.json") && Catch::Contains("gamma"));
  CHECK(loaded.settings.gamma == 1.0);

  std::ofstream(dir / "settings.json") << R"({"presets": [{"name": "x", "width": -1}]})";
  loaded = loadSettings(dir);
  CHECK_THAT(loaded.status.message(), Catch::Contains("presets[0].width"));

  std::ofstream(dir / "settings.json") << "{ not json";
  loaded = loadSettings(dir);
  CHECK_FALSE(loaded.status.isOk());
  fs::remove_all(dir);
}
