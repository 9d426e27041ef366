#pragma once
// The radiologist's measurements on the image: a distance (two points) and an angle (one arm's
// end, the vertex, the other arm's end), in mm from the frame's spacing (at the spine when the
// C-arm's magnification is known or the image was calibrated, else at the detector). Without a
// spacing the distance is said in px, never as mm.
// Points in image px (origin at the top-left pixel's centre, x right, y down).

#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/FrameFormat.hpp"

namespace fg::guidance {

enum class MeasurementKind : uint8_t { Invalid = 0, Distance, Angle };

struct Measurement {
  MeasurementKind kind = MeasurementKind::Invalid;
  std::vector<cv::Point2d> pointsPx;  // 2 for a distance, 3 for an angle (the vertex second)
};

// The scale of the image: mm per px and where it holds; none without spacing or calibration.
struct ImageScale {
  double mmPerPx = 0;
  bool atIsocentre = false;  // corrected for magnification (or calibrated on the image)
};
std::optional<ImageScale> imageScale(const core::FrameFormat& format, double calibratedMmPerPx);

// "23.4 mm at the spine", "23.4 mm at the detector", "120 px (no pixel spacing)", "37.5 deg".
std::string measurementText(const Measurement& m, const core::FrameFormat& format, double calibratedMmPerPx);
double angleDeg(cv::Point2d armA, cv::Point2d vertex, cv::Point2d armB);

}  // namespace fg::guidance
