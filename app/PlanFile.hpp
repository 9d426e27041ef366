#pragma once
// The plan saved with the case, as plan.json in the case folder: target and entry (frame px), the
// calibration, the level labels with how they were counted, and the time-out. Written whole to a
// temporary file and renamed, so a crash or a full disk never leaves half a plan; read back when
// the case is opened again, with every field checked and named when wrong.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/PlanState.hpp"
#include "render/ViewTransform.hpp"
#include "core/Status.hpp"

namespace fg::app {

inline constexpr const char* kPlanFileName = "plan.json";

struct SavedPlan {
  guidance::TrajectoryPlan plan;
  double calibratedMmPerPx = 0;
  std::optional<guidance::LevelRequest> levels;  // Markers, as they were when saved
  std::optional<TimeOut> timeOut;
  render::ViewOrientation orientation;  // how the case's pictures are turned to match its monitor
};

nlohmann::json planToJson(const PlanState& plan, const guidance::LevelState& levels,
                          const render::ViewOrientation& orientation = {});
core::Result<SavedPlan> planFromJson(const nlohmann::json& json, const std::string& source);
// The plan in `caseDir`; NotFound when the case has none yet.
core::Result<SavedPlan> readPlanFile(const std::filesystem::path& caseDir);
core::Status writePlanFile(const std::filesystem::path& caseDir, const nlohmann::json& plan);

// A new case folder for this session under the user's data folder
// ($XDG_DATA_HOME/fluoroguide/cases/YYYYmmdd-HHMMSS, else ~/.local/share/...).
std::filesystem::path defaultCaseDir();

}  // namespace fg::app
