#include "guidance/Measurement.hpp"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace fg::guidance {

std::optional<ImageScale> imageScale(const core::FrameFormat& format, double calibratedMmPerPx) {
  // A calibration is made on the image itself, so it already holds the magnification.
  if (calibratedMmPerPx > 0) return ImageScale{calibratedMmPerPx, true};
  if (!format.hasSpacing()) return std::nullopt;
  if (format.magnification > 0) return ImageScale{format.mmPerPixelX / format.magnification, true};
  return ImageScale{format.mmPerPixelX, false};
}

double angleDeg(cv::Point2d armA, cv::Point2d vertex, cv::Point2d armB) {
  const cv::Point2d a = armA - vertex, b = armB - vertex;
  const double na = cv::norm(a), nb = cv::norm(b);
  if (na <= 0 || nb <= 0) return 0;
  const double c = std::clamp(a.dot(b) / (na * nb), -1.0, 1.0);
  return std::acos(c) * 180.0 / std::numbers::pi;
}

std::string measurementText(const Measurement& m, const core::FrameFormat& format, double calibratedMmPerPx) {
  char text[96];
  if (m.kind == MeasurementKind::Angle && m.pointsPx.size() == 3) {
    std::snprintf(text, sizeof text, "%.1f deg", angleDeg(m.pointsPx[0], m.pointsPx[1], m.pointsPx[2]));
    return text;
  }
  if (m.kind != MeasurementKind::Distance || m.pointsPx.size() != 2) return "";
  const double px = cv::norm(m.pointsPx[1] - m.pointsPx[0]);
  if (const auto scale = imageScale(format, calibratedMmPerPx))
    std::snprintf(text, sizeof text, "%.1f mm %s", px * scale->mmPerPx,
                  scale->atIsocentre ? "at the spine" : "at the detector");
  else
    std::snprintf(text, sizeof text, "%.0f px (no pixel spacing: calibrate with C)", px);
  return text;
}

}  // namespace fg::guidance
