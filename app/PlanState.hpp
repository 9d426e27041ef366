#pragma once
// The radiologist's plan on the image (target, skin entry), the spinal level labels, the
// pre-injection time-out and the calibration for sources without pixel spacing, with one undo
// for all of them. Placement is by mouse (a tool, then a click; markers can be dragged) or by
// keyboard (nudge the selected marker by 1 px, 10 with Shift). Level markers live in the analysis
// thread, which follows them as the patient moves: edits here become requests to it. Main
// thread only.

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

#include "guidance/AnalysisThread.hpp"
#include "guidance/Measurement.hpp"
#include "guidance/Trajectory.hpp"

namespace fg::app {

enum class PlanTool : uint8_t {
  Invalid = 0,
  None,
  Target,
  Entry,
  CalibrateFirst,
  CalibrateSecond,
  Level,
  Distance,  // the ruler: two clicks
  Angle      // three clicks: one arm's end, the vertex, the other arm's end
};
enum class PlanMarker : uint8_t { Invalid = 0, None, Target, Entry, Level };

// The side of the injection, confirmed at the time-out.
enum class Side : uint8_t { Invalid = 0, Left, Right, Midline, Bilateral };
const char* toString(Side side);           // "LEFT", "RIGHT", "MIDLINE", "BILATERAL"
Side sideFromName(std::string_view name);  // "left", "right", "midline", "bilateral"

// How the radiologist names the vertebra pointed at.
struct LevelNaming {
  std::string label;  // empty until the radiologist chooses one: no default can slip through
  guidance::LevelCounting counting = guidance::LevelCounting::FromSacrum;
  int lumbarCount = guidance::kUsualLumbarCount;
};

// The confirmation before injection that level and side are right.
struct TimeOut {
  std::string level;  // "L4-5"
  Side side = Side::Invalid;
  std::string confirmedAt;  // local wall-clock time, "14:32:05"
  uint64_t frameId = 0;     // the image shown at the confirmation
};

class PlanState {
 public:
  PlanTool tool() const { return tool_; }
  void setTool(PlanTool tool) {
    if (tool != tool_) measuring_.clear();  // a measurement left half-placed is dropped
    tool_ = tool;
  }
  const guidance::TrajectoryPlan& plan() const { return plan_; }
  PlanMarker selected() const { return selected_; }

  // A click (frame px) with the current tool: places that marker (or a calibration point; or,
  // with the level tool, the vertebra then waiting to be named).
  void click(cv::Point2d px);
  // Moves a marker to px (dragging); selects it. Recorded for undo once per drag (begin/end).
  void beginDrag(PlanMarker marker);
  void dragTo(cv::Point2d px);
  // The marker within `radiusPx` of px, if any.
  PlanMarker markerNear(cv::Point2d px, double radiusPx) const;
  void nudge(cv::Point2d deltaPx);
  bool undo();
  void clear();

  // Levels. `shown`: the markers as the analysis last followed them.
  std::optional<cv::Point2d> vertebraToName() const { return vertebraToName_; }
  // Refused (nothing changes) when no label, or one this lumbar count has not, is chosen.
  core::Status nameVertebra(const LevelNaming& naming, const guidance::LevelState& shown);
  void cancelNaming() { vertebraToName_.reset(); }
  LevelNaming& naming() { return naming_; }
  // The level marker within `radiusPx` of px (index into shown.markers), if any.
  std::optional<size_t> levelNear(const guidance::LevelState& shown, cv::Point2d px,
                                  double radiusPx) const;
  void beginLevelDrag(size_t index, const guidance::LevelState& shown);
  void endLevelDrag();  // sends the moved marker to the analysis
  // While a level marker is dragged, the markers to draw instead of the analysis's.
  const std::vector<guidance::LevelMarker>* draggedLevels() const {
    return levelDrag_ ? &levelDrag_->markers : nullptr;
  }
  void removeLevel(size_t index, const guidance::LevelState& shown);
  // The selected level marker (the last named, dragged or chosen with Tab), moved by the keys.
  std::optional<size_t> selectedLevel() const {
    return selected_ == PlanMarker::Level ? std::optional(selectedLevel_) : std::nullopt;
  }
  void selectNextLevel(const guidance::LevelState& shown);
  void nudgeLevel(cv::Point2d deltaPx, const guidance::LevelState& shown);
  void clearLevels(const guidance::LevelState& shown);
  std::optional<guidance::LevelRequest> takeLevelRequest();
  void requestLevels(guidance::LevelRequest request);  // e.g. saved labels on reopening a case

  // Time-out before injection.
  void confirmTimeOut(TimeOut timeOut);
  const std::optional<TimeOut>& timeOut() const { return timeOut_; }

  // Calibration: the two points once placed, waiting for the known distance.
  bool awaitingDistance() const {
    return calibrationA_ && calibrationB_ && tool_ == PlanTool::None && pendingCalibration_;
  }
  std::optional<std::pair<cv::Point2d, cv::Point2d>> calibrationPoints() const;
  core::Status finishCalibration(double knownMm);  // error: too close, or not positive
  void cancelCalibration();
  double calibratedMmPerPx() const { return mmPerPx_; }
  // A plan read back from the case (no undo step): its levels go to the analysis as they were.
  void restore(const guidance::TrajectoryPlan& plan, double calibratedMmPerPx,
               std::optional<TimeOut> timeOut);
  // Measurements on the image (a ruler, an angle), and the points of the one being placed.
  const std::vector<guidance::Measurement>& measurements() const { return measurements_; }
  const std::vector<cv::Point2d>& measuring() const { return measuring_; }
  void clearMeasurements();
  // Changes with every edit: the view redraws when it does.
  uint64_t revision() const { return revision_; }

 private:
  // One undo step: the plan as it was, and the level markers when the step changed them.
  struct Step {
    guidance::TrajectoryPlan plan;
    std::optional<guidance::LevelRequest> levels;
  };
  void remember();
  void rememberLevels(const guidance::LevelState& shown);
  void sendMarkers(std::vector<guidance::LevelMarker> markers, guidance::LevelCounting counting,
                   int lumbarCount);

  PlanTool tool_ = PlanTool::None;
  PlanMarker selected_ = PlanMarker::None;
  guidance::TrajectoryPlan plan_;
  std::vector<Step> undo_;
  std::optional<cv::Point2d> vertebraToName_;
  LevelNaming naming_;
  struct LevelDrag {
    size_t index = 0;
    std::vector<guidance::LevelMarker> markers;
    guidance::LevelCounting counting = guidance::LevelCounting::Invalid;
    int lumbarCount = guidance::kUsualLumbarCount;
  };
  std::optional<LevelDrag> levelDrag_;
  size_t selectedLevel_ = 0;
  std::optional<guidance::LevelRequest> levelRequest_;
  std::optional<TimeOut> timeOut_;
  std::optional<cv::Point2d> calibrationA_, calibrationB_;
  bool pendingCalibration_ = false;
  double mmPerPx_ = 0;
  std::vector<guidance::Measurement> measurements_;
  std::vector<cv::Point2d> measuring_;
  uint64_t revision_ = 0;
};

}  // namespace fg::app
