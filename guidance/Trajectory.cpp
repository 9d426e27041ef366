#include "guidance/Trajectory.hpp"

#include "guidance/Measurement.hpp"

#include <cmath>

namespace fg::guidance {
namespace {
constexpr double kMinCalibrationPx = 5.0;
}

core::Result<double> calibrateMmPerPx(cv::Point2d a, cv::Point2d b, double knownMm) {
  const double px = cv::norm(b - a);
  if (px < kMinCalibrationPx) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "calibration: the two points are " +
                                   std::to_string(px).substr(0, 4) +
                                   " px apart; place them at least 5 px apart");
  }
  if (!(knownMm > 0)) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "calibration: the known distance must be more than 0 mm");
  }
  return knownMm / px;
}

core::Result<TrajectoryReading> readTrajectory(const TrajectoryPlan& plan,
                                               const NeedleObservation& needle,
                                               const core::FrameFormat& format,
                                               double mmPerPxOverride) {
  if (!plan.targetPx) {
    return core::Status::error(core::StatusCode::OutOfRange, "trajectory: no target placed");
  }
  const cv::Point2d target = *plan.targetPx;
  if (target.x < 0 || target.y < 0 || target.x > format.width - 1 || target.y > format.height - 1) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "trajectory: the target lies outside the image");
  }
  if (!needle.found)
    return core::Status::error(core::StatusCode::NotFound, "trajectory: no needle found");
  TrajectoryReading r;
  const auto scale = imageScale(format, mmPerPxOverride);
  if (!scale) {
    return core::Status::error(
        core::StatusCode::OutOfRange,
        "trajectory: the image has no pixel spacing; calibrate with two points a "
        "known distance apart");
  }
  r.atIsocentre = scale->atIsocentre;
  r.mmPerPx = scale->mmPerPx;
  const cv::Point2d toTarget = target - needle.tipPx;
  r.tipToTargetMm = cv::norm(toTarget) * r.mmPerPx;
  r.aheadMm = toTarget.dot(needle.axis) * r.mmPerPx;
  r.axisAtTargetPx = needle.tipPx + needle.axis * toTarget.dot(needle.axis);
  r.missMm = std::abs(toTarget.cross(needle.axis)) * r.mmPerPx;
  if (plan.entryPx && cv::norm(target - *plan.entryPx) > 0) {
    const cv::Point2d planned = (target - *plan.entryPx) * (1.0 / cv::norm(target - *plan.entryPx));
    r.angleToPlanDeg = std::acos(std::clamp(planned.dot(needle.axis), -1.0, 1.0)) * 180.0 / CV_PI;
  }
  return r;
}

}  // namespace fg::guidance
