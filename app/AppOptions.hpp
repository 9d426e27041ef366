#pragma once
// What the command line asked for.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/LivePipeline.hpp"
#include "guidance/AnalysisThread.hpp"
#include "guidance/LevelLabels.hpp"

namespace fg::app {

enum class RunMode : uint8_t { Invalid = 0, Window, Headless, Bench, EvalContrast, EvalNeedle, EvalRealData, Scenarios };

struct AppOptions {
  RunMode mode = RunMode::Window;
  std::optional<std::string>
      sourceSpec;  // absent: the settings' source (window) or the test pattern
  PipelineOptions pipeline;
  int64_t frames = -1;  // stop after this many images; -1: the source's own length
  std::filesystem::path outDir;
  // Window: the case folder the plan is saved in and read back from (default: a new one under
  // the user's data folder). Headless: the --out folder.
  std::filesystem::path caseDir;
  std::filesystem::path configDir;
  // Window: write a screenshot after `frames` images (or 60 UI frames) and quit. For tests and
  // docs.
  std::filesystem::path screenshot;
  // A needle target placed from the start (frame px): the window's plan, and headless readings.
  std::optional<std::pair<double, double>> targetPx;
  // A vertebra named from the start ("L4" at X,Y frame px), the others found and counted from it.
  struct LevelStart {
    std::string label;
    double xPx = 0, yPx = 0;
    guidance::LevelCounting counting = guidance::LevelCounting::FromSacrum;
    int lumbarCount = guidance::kUsualLumbarCount;
  };
  std::optional<LevelStart> level;
  // Window, simulated cases: target and entry from the case's 3D plan, placed on the first image.
  bool plan3d = false;
  // Headless: record every frame of the run into OUT/run (a cine run, read back bit-exact).
  bool record = false;
  // Recorded runs also as a teaching video with the guidance drawn in (headless with --record;
  // in the window, the "video with overlays" choice starts ticked).
  bool overlayVideo = false;
  bool largeType = false;  // the window in large type (kept in the settings)
  // The procedure's protocol (assets/protocols/NAME.json).
  std::string protocol = "epidurography";
  // Headless: a snapshot every N frames shown (and always the last); 0: only the last.
  int snapshotEvery = 30;
  int viewWidth = 0, viewHeight = 0;  // headless view size; 0: the frame's own size
  // Bench.
  std::filesystem::path benchJson;
  std::vector<int> benchSizes{512, 1024, 2048};
  double benchSeconds = 2.0;
  // Evaluations: a scenario matrix (assets/scenarios/matrices/NAME.json or a file) instead of the
  // evaluation's own cases.
  std::string matrix;
  bool withBundledScenarios = false;
  std::filesystem::path realDataDir = "../shared/realdata";  // eval realdata: development images
  bool benchGuidanceOnly = false;  // bench: only the whole guidance per imaging chain  // evaluations: also every scenario in assets/scenarios
  // Scenarios: write the expanded cases into scenariosOut; run them there with their truth;
  // preview one frame of --source as a PNG.
  std::filesystem::path scenariosOut;
  bool scenariosRun = false;
  int scenariosRunFrames = 0;  // 0: every frame of each case
  std::filesystem::path previewPng;
  int previewFrame = -1;       // -1: the middle of the case
};

// The request to the analysis thread that --level asks for.
guidance::LevelRequest levelStartRequest(const AppOptions::LevelStart& start);

// Parses argv. Returns the exit code when the program should stop at once (--help, bad input).
std::optional<int> parseCommandLine(int argc, char** argv, AppOptions& options);

}  // namespace fg::app
