#include "app/PlanState.hpp"

namespace fg::app {
namespace {
constexpr size_t kUndoDepth = 100;
}

void PlanState::remember() {
  undo_.push_back(plan_);
  if (undo_.size() > kUndoDepth) undo_.erase(undo_.begin());
}

void PlanState::click(cv::Point2d px) {
  ++revision_;
  switch (tool_) {
    case PlanTool::Target:
      remember();
      plan_.targetPx = px;
      selected_ = PlanMarker::Target;
      tool_ = PlanTool::None;
      break;
    case PlanTool::Entry:
      remember();
      plan_.entryPx = px;
      selected_ = PlanMarker::Entry;
      tool_ = PlanTool::None;
      break;
    case PlanTool::CalibrateFirst:
      calibrationA_ = px;
      calibrationB_.reset();
      tool_ = PlanTool::CalibrateSecond;
      break;
    case PlanTool::CalibrateSecond:
      calibrationB_ = px;
      pendingCalibration_ = true;
      tool_ = PlanTool::None;
      break;
    default:
      break;
  }
}

void PlanState::beginDrag(PlanMarker marker) {
  if (marker == PlanMarker::None) return;
  remember();
  selected_ = marker;
}

void PlanState::dragTo(cv::Point2d px) {
  ++revision_;
  if (selected_ == PlanMarker::Target) plan_.targetPx = px;
  if (selected_ == PlanMarker::Entry) plan_.entryPx = px;
}

PlanMarker PlanState::markerNear(cv::Point2d px, double radiusPx) const {
  if (plan_.targetPx && cv::norm(*plan_.targetPx - px) <= radiusPx) return PlanMarker::Target;
  if (plan_.entryPx && cv::norm(*plan_.entryPx - px) <= radiusPx) return PlanMarker::Entry;
  return PlanMarker::None;
}

void PlanState::nudge(cv::Point2d deltaPx) {
  std::optional<cv::Point2d>* marker = selected_ == PlanMarker::Target  ? &plan_.targetPx
                                       : selected_ == PlanMarker::Entry ? &plan_.entryPx
                                                                        : nullptr;
  if (marker == nullptr || !*marker) return;
  remember();
  **marker += deltaPx;
  ++revision_;
}

bool PlanState::undo() {
  if (undo_.empty()) return false;
  plan_ = undo_.back();
  undo_.pop_back();
  ++revision_;
  return true;
}

void PlanState::clear() {
  if (!plan_.targetPx && !plan_.entryPx) return;
  remember();
  plan_ = {};
  selected_ = PlanMarker::None;
  ++revision_;
}

std::optional<std::pair<cv::Point2d, cv::Point2d>> PlanState::calibrationPoints() const {
  if (!calibrationA_ || !calibrationB_) return std::nullopt;
  return std::pair{*calibrationA_, *calibrationB_};
}

core::Status PlanState::finishCalibration(double knownMm) {
  if (!calibrationA_ || !calibrationB_) {
    return core::Status::error(core::StatusCode::OutOfRange, "calibration: place two points first");
  }
  auto spacing = guidance::calibrateMmPerPx(*calibrationA_, *calibrationB_, knownMm);
  if (!spacing) return spacing.status();
  mmPerPx_ = spacing.value();
  pendingCalibration_ = false;
  ++revision_;
  return core::Status::ok();
}

void PlanState::cancelCalibration() {
  pendingCalibration_ = false;
  calibrationA_.reset();
  calibrationB_.reset();
  ++revision_;
  if (tool_ == PlanTool::CalibrateFirst || tool_ == PlanTool::CalibrateSecond)
    tool_ = PlanTool::None;
}

}  // namespace fg::app
