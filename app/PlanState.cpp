#include "app/PlanState.hpp"

#include <cctype>

#include "guidance/LevelLabels.hpp"

namespace fg::app {
namespace {
constexpr size_t kUndoDepth = 100;
}

const char* toString(Side side) {
  switch (side) {
    case Side::Left:
      return "LEFT";
    case Side::Right:
      return "RIGHT";
    case Side::Midline:
      return "MIDLINE";
    case Side::Bilateral:
      return "BILATERAL";
    case Side::Invalid:
      break;
  }
  return "SIDE?";
}

Side sideFromName(std::string_view name) {
  for (Side s : {Side::Left, Side::Right, Side::Midline, Side::Bilateral}) {
    std::string lower = toString(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == lower) return s;
  }
  return Side::Invalid;
}

void PlanState::remember() {
  undo_.push_back({plan_, std::nullopt});
  if (undo_.size() > kUndoDepth) undo_.erase(undo_.begin());
}

void PlanState::rememberLevels(const guidance::LevelState& shown) {
  guidance::LevelRequest before;
  before.kind = shown.markers.empty() ? guidance::LevelRequest::Kind::Clear
                                      : guidance::LevelRequest::Kind::Markers;
  before.markers = shown.markers;
  before.counting = shown.counting;
  before.lumbarCount = shown.lumbarCount;
  undo_.push_back({plan_, std::move(before)});
  if (undo_.size() > kUndoDepth) undo_.erase(undo_.begin());
}

void PlanState::sendMarkers(std::vector<guidance::LevelMarker> markers,
                            guidance::LevelCounting counting, int lumbarCount) {
  guidance::LevelRequest request;
  request.kind =
      markers.empty() ? guidance::LevelRequest::Kind::Clear : guidance::LevelRequest::Kind::Markers;
  request.markers = std::move(markers);
  request.counting = counting;
  request.lumbarCount = lumbarCount;
  levelRequest_ = std::move(request);
  ++revision_;
}

core::Status PlanState::nameVertebra(const LevelNaming& naming, const guidance::LevelState& shown) {
  if (!vertebraToName_) return core::Status::error(core::StatusCode::NotFound, "no vertebra is waiting to be named");
  if (guidance::levelIndex(naming.label, naming.lumbarCount) < 0)
    return core::Status::error(core::StatusCode::OutOfRange,
                               naming.label.empty() ? "choose the vertebra's name first"
                                                    : naming.label + " is not a vertebra of a spine with " +
                                                          std::to_string(naming.lumbarCount) + " lumbar vertebrae");
  rememberLevels(shown);
  naming_ = naming;
  guidance::LevelRequest request;
  request.kind = guidance::LevelRequest::Kind::FromOneVertebra;
  request.vertebraPx = *vertebraToName_;
  request.label = naming.label;
  request.counting = naming.counting;
  request.lumbarCount = naming.lumbarCount;
  levelRequest_ = std::move(request);
  vertebraToName_.reset();
  selected_ = PlanMarker::Level;
  ++revision_;
  return core::Status::ok();
}

std::optional<size_t> PlanState::levelNear(const guidance::LevelState& shown, cv::Point2d px,
                                           double radiusPx) const {
  for (size_t i = 0; i < shown.markers.size(); ++i) {
    if (cv::norm(shown.markers[i].centerPx - px) <= radiusPx) return i;
  }
  return std::nullopt;
}

void PlanState::beginLevelDrag(size_t index, const guidance::LevelState& shown) {
  if (index >= shown.markers.size()) return;
  rememberLevels(shown);
  levelDrag_ = LevelDrag{index, shown.markers, shown.counting, shown.lumbarCount};
  selected_ = PlanMarker::Level;
  selectedLevel_ = index;
}

void PlanState::selectNextLevel(const guidance::LevelState& shown) {
  if (shown.markers.empty()) return;
  selectedLevel_ = selected_ == PlanMarker::Level ? (selectedLevel_ + 1) % shown.markers.size() : 0;
  selected_ = PlanMarker::Level;
  ++revision_;
}

void PlanState::nudgeLevel(cv::Point2d deltaPx, const guidance::LevelState& shown) {
  if (selected_ != PlanMarker::Level || selectedLevel_ >= shown.markers.size()) return;
  rememberLevels(shown);
  std::vector<guidance::LevelMarker> moved = shown.markers;
  moved[selectedLevel_].centerPx += deltaPx;
  sendMarkers(std::move(moved), shown.counting, shown.lumbarCount);
}

void PlanState::endLevelDrag() {
  if (!levelDrag_) return;
  // A marker moved by hand keeps its name; the others keep theirs.
  sendMarkers(std::move(levelDrag_->markers), levelDrag_->counting, levelDrag_->lumbarCount);
  levelDrag_.reset();
}

void PlanState::removeLevel(size_t index, const guidance::LevelState& shown) {
  if (index >= shown.markers.size()) return;
  rememberLevels(shown);
  std::vector<guidance::LevelMarker> kept = shown.markers;
  kept.erase(kept.begin() + static_cast<long>(index));
  sendMarkers(std::move(kept), shown.counting, shown.lumbarCount);
}

void PlanState::clearLevels(const guidance::LevelState& shown) {
  if (shown.markers.empty()) return;
  rememberLevels(shown);
  sendMarkers({}, guidance::LevelCounting::Invalid, shown.lumbarCount);
}

std::optional<guidance::LevelRequest> PlanState::takeLevelRequest() {
  std::optional<guidance::LevelRequest> out;
  out.swap(levelRequest_);
  return out;
}

void PlanState::requestLevels(guidance::LevelRequest request) {
  levelRequest_ = std::move(request);
  ++revision_;
}

void PlanState::restore(const guidance::TrajectoryPlan& plan, double calibratedMmPerPx,
                        std::optional<TimeOut> timeOut) {
  plan_ = plan;
  mmPerPx_ = calibratedMmPerPx;
  timeOut_ = std::move(timeOut);
  ++revision_;
}

void PlanState::confirmTimeOut(TimeOut timeOut) {
  timeOut_ = std::move(timeOut);
  ++revision_;
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
    case PlanTool::Distance:
    case PlanTool::Angle: {
      measuring_.push_back(px);
      const size_t needed = tool_ == PlanTool::Distance ? 2 : 3;
      if (measuring_.size() == needed) {
        measurements_.push_back({tool_ == PlanTool::Distance ? guidance::MeasurementKind::Distance
                                                             : guidance::MeasurementKind::Angle,
                                 std::move(measuring_)});
        measuring_.clear();
        tool_ = PlanTool::None;
      }
      ++revision_;
      break;
    }
    case PlanTool::Level:
      vertebraToName_ = px;
      naming_.label.clear();  // each vertebra is named afresh, never by the last one's name
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
  if (levelDrag_) {
    levelDrag_->markers[levelDrag_->index].centerPx = px;
    return;
  }
  if (selected_ == PlanMarker::Target) plan_.targetPx = px;
  if (selected_ == PlanMarker::Entry) plan_.entryPx = px;
}

PlanMarker PlanState::markerNear(cv::Point2d px, double radiusPx) const {
  if (plan_.targetPx && cv::norm(*plan_.targetPx - px) <= radiusPx) return PlanMarker::Target;
  if (plan_.entryPx && cv::norm(*plan_.entryPx - px) <= radiusPx) return PlanMarker::Entry;
  return PlanMarker::None;
}

void PlanState::nudge(cv::Point2d deltaPx) {
  if (selected_ == PlanMarker::Level) return;  // level markers move by dragging
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
  Step step = std::move(undo_.back());
  undo_.pop_back();
  plan_ = step.plan;
  if (step.levels) levelRequest_ = std::move(step.levels);
  ++revision_;
  return true;
}

void PlanState::clearMeasurements() {
  measurements_.clear();
  measuring_.clear();
  ++revision_;
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
