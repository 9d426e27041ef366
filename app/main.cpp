// fluoroguide: the workstation window, the headless mode and the bench.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>

#include "app/AppOptions.hpp"
#include "app/Bench.hpp"
#include "app/EvalContrast.hpp"
#include "app/EvalNeedle.hpp"
#include "app/EvalRealData.hpp"
#include "app/Headless.hpp"
#include "app/ScenarioTool.hpp"
#include "app/Workstation.hpp"

namespace {

bool haveDisplay() {
  const char* x = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wayland && *wayland);
}

int fallBackToHeadless(fg::app::AppOptions options, const char* why) {
  if (options.outDir.empty()) options.outDir = "fluoroguide-headless";
  std::printf("fluoroguide: %s: running headless instead; snapshots and run.json go to %s/\n", why,
              options.outDir.string().c_str());
  std::fflush(stdout);
  return fg::app::runHeadless(options);
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_pattern("[%H:%M:%S.%e] [%l] %v");
  fg::app::AppOptions options;
  if (auto exit = fg::app::parseCommandLine(argc, argv, options)) return *exit;
  switch (options.mode) {
    case fg::app::RunMode::Bench: return fg::app::runBench(options);
    case fg::app::RunMode::EvalContrast: return fg::app::runEvalContrast(options);
    case fg::app::RunMode::EvalNeedle: return fg::app::runEvalNeedle(options);
    case fg::app::RunMode::EvalRealData: return fg::app::runEvalRealData(options);
    case fg::app::RunMode::Headless: return fg::app::runHeadless(options);
    case fg::app::RunMode::Scenarios: return fg::app::runScenarioTool(options);
    case fg::app::RunMode::Window:
    case fg::app::RunMode::Invalid: break;
  }
  if (!haveDisplay()) return fallBackToHeadless(options, "no display (DISPLAY and WAYLAND_DISPLAY are unset)");
  const int code = fg::app::runWorkstation(options);
  if (code == fg::app::kNoDisplayExit) return fallBackToHeadless(options, "the display cannot be opened");
  return code;
}
