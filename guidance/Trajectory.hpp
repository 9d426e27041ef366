#pragma once
// The planned needle path against the detected needle, on the image: the radiologist places a
// target (and optionally the skin entry); the needle's axis is carried on to the target's depth
// (the point of the axis nearest the target), and the angle between the needle and the plan,
// the tip-to-target distance and by how much the needle would miss are given in mm.
// Distances: image px through the spacing (the frame's, or a calibration's), divided by the
// magnification when it is known (mm at the isocentre, where the spine is); otherwise mm at the
// detector, and the result says so. Without any spacing there are no mm at all: a clear status.

#include <opencv2/core.hpp>
#include <optional>

#include "core/FrameFormat.hpp"
#include "core/Status.hpp"
#include "guidance/NeedleDetector.hpp"

namespace fg::guidance {

struct TrajectoryPlan {
  std::optional<cv::Point2d> targetPx;  // frame px
  std::optional<cv::Point2d> entryPx;   // frame px; without it the plan is the target alone
};

// Pixel spacing from two points a known distance apart (the calibration tool). Errors: points
// closer than 5 px, or a distance that is not positive.
core::Result<double> calibrateMmPerPx(cv::Point2d a, cv::Point2d b, double knownMm);

struct TrajectoryReading {
  double mmPerPx = 0;          // the spacing used
  bool atIsocentre = false;    // mm corrected for magnification (else: at the detector)
  double tipToTargetMm = 0;    // straight from the tip to the target
  double aheadMm = 0;          // along the needle's axis from the tip to the target's depth
  double missMm = 0;           // how far the axis carried on passes beside the target
  cv::Point2d axisAtTargetPx;  // the axis point nearest the target
  std::optional<double> angleToPlanDeg;  // needle axis against entry->target (with an entry)
};

// `mmPerPxOverride` > 0 (a calibration) replaces the frame's spacing. Errors name what is wrong:
// no target, a target outside the image, no needle, no spacing and no calibration.
core::Result<TrajectoryReading> readTrajectory(const TrajectoryPlan& plan,
                                               const NeedleObservation& needle,
                                               const core::FrameFormat& format,
                                               double mmPerPxOverride = 0);

}  // namespace fg::guidance
