#include "guidance/LevelReading.hpp"

#include <algorithm>
#include <cmath>

#include "guidance/AnalysisScale.hpp"

namespace fg::guidance {
namespace {
constexpr double kOnVertebraShare = 0.25;  // of the pitch: nearer a centre than this names it

// The patient's left in the image: +1 along the direction whose letters say L, -1 for R.
cv::Point2d leftInImage(const core::PatientOrientation& o) {
  auto component = [](const core::PatientDirection& d) {
    for (char c : d.letters()) {
      if (c == 'L') return 1.0;
      if (c == 'R') return -1.0;
    }
    return 0.0;
  };
  return {component(o.row), component(o.column)};
}
}  // namespace

std::optional<std::string> levelAt(const std::vector<LevelMarker>& markers, cv::Point2d px,
                                   const core::PatientOrientation& orientation) {
  if (markers.size() < 2) return std::nullopt;
  std::vector<cv::Point2d> centres;
  for (const LevelMarker& m : markers) centres.push_back(m.centerPx);
  const std::vector<size_t> order = headToFoot(centres, orientation);
  for (size_t k = 0; k + 1 < order.size(); ++k) {
    const LevelMarker& upper = markers[order[k]];
    const LevelMarker& lower = markers[order[k + 1]];
    const cv::Point2d down = lower.centerPx - upper.centerPx;
    const double pitch = cv::norm(down);
    if (pitch <= 0) continue;
    const double along = (px - upper.centerPx).dot(down) / pitch;
    const bool firstPair = k == 0, lastPair = k + 2 == order.size();
    if (along < 0 && !(firstPair && along > -kOnVertebraShare * pitch)) continue;
    if (along > pitch && !(lastPair && along < (1 + kOnVertebraShare) * pitch)) continue;
    if (along < kOnVertebraShare * pitch) return upper.label;
    if (along > (1 - kOnVertebraShare) * pitch) return lower.label;
    return interspaceName(upper.label, lower.label);
  }
  return std::nullopt;
}

PatientSide sideAt(const std::vector<LevelMarker>& markers, cv::Point2d px,
                   const core::FrameFormat& format, double midlineMm) {
  const cv::Point2d left = leftInImage(format.orientation);
  if (markers.empty() || cv::norm(left) == 0) return PatientSide::Unknown;
  // The midline: the line through the two markers nearest the point (or the one marker, along
  // the head's direction).
  std::vector<cv::Point2d> centres;
  for (const LevelMarker& m : markers) centres.push_back(m.centerPx);
  std::sort(centres.begin(), centres.end(),
            [&](cv::Point2d a, cv::Point2d b) { return cv::norm(a - px) < cv::norm(b - px); });
  cv::Point2d along =
      centres.size() >= 2 ? centres[1] - centres[0] : headInImage(format.orientation);
  along *= 1.0 / std::max(cv::norm(along), 1e-9);
  // A spine running along the image's left-right direction is not an AP view's.
  if (std::abs(along.dot(left)) > 0.5) return PatientSide::Unknown;
  const cv::Point2d across = (px - centres[0]) - along * (px - centres[0]).dot(along);
  const double mmPerPx = format.hasSpacing() ? format.mmPerPixelX : kAssumedDetectorMmPerPx;
  const double offsetMm = across.dot(left) * mmPerPx;
  if (std::abs(offsetMm) <= midlineMm) return PatientSide::Midline;
  return offsetMm > 0 ? PatientSide::Left : PatientSide::Right;
}

}  // namespace fg::guidance
