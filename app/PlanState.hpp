#pragma once
// The radiologist's plan on the image (target, skin entry) and the calibration for sources
// without pixel spacing, with undo. Placement is by mouse (a tool, then a click; markers can be
// dragged) or by keyboard (nudge the selected marker by 1 px, 10 with Shift). Main thread only.

#include <opencv2/core.hpp>
#include <optional>
#include <vector>

#include "guidance/Trajectory.hpp"

namespace fg::app {

enum class PlanTool : uint8_t { Invalid = 0, None, Target, Entry, CalibrateFirst, CalibrateSecond };
enum class PlanMarker : uint8_t { Invalid = 0, None, Target, Entry };

class PlanState {
 public:
  PlanTool tool() const { return tool_; }
  void setTool(PlanTool tool) { tool_ = tool; }
  const guidance::TrajectoryPlan& plan() const { return plan_; }
  PlanMarker selected() const { return selected_; }

  // A click (frame px) with the current tool: places that marker (or a calibration point).
  void click(cv::Point2d px);
  // Moves a marker to px (dragging); selects it. Recorded for undo once per drag (begin/end).
  void beginDrag(PlanMarker marker);
  void dragTo(cv::Point2d px);
  // The marker within `radiusPx` of px, if any.
  PlanMarker markerNear(cv::Point2d px, double radiusPx) const;
  void nudge(cv::Point2d deltaPx);
  bool undo();
  void clear();

  // Calibration: the two points once placed, waiting for the known distance.
  bool awaitingDistance() const {
    return calibrationA_ && calibrationB_ && tool_ == PlanTool::None && pendingCalibration_;
  }
  std::optional<std::pair<cv::Point2d, cv::Point2d>> calibrationPoints() const;
  core::Status finishCalibration(double knownMm);  // error: too close, or not positive
  void cancelCalibration();
  double calibratedMmPerPx() const { return mmPerPx_; }
  // Changes with every edit: the view redraws when it does.
  uint64_t revision() const { return revision_; }

 private:
  void remember();

  PlanTool tool_ = PlanTool::None;
  PlanMarker selected_ = PlanMarker::None;
  guidance::TrajectoryPlan plan_;
  std::vector<guidance::TrajectoryPlan> undo_;
  std::optional<cv::Point2d> calibrationA_, calibrationB_;
  bool pendingCalibration_ = false;
  double mmPerPx_ = 0;
  uint64_t revision_ = 0;
};

}  // namespace fg::app
