#include "guidance/MotionEstimate.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

namespace fg::guidance {
namespace {

cv::Mat affineFor(const RigidMotion2D& m, cv::Size size) {
  // Rotation about the image centre, then translation.
  const cv::Point2f centre((size.width - 1) / 2.0f, (size.height - 1) / 2.0f);
  cv::Mat a = cv::getRotationMatrix2D(centre, -m.angleDeg, 1.0);  // OpenCV: positive = counter-clockwise
  a.at<double>(0, 2) += m.dxPx;
  a.at<double>(1, 2) += m.dyPx;
  return a;
}

}  // namespace

cv::Mat warpByMotion(const cv::Mat& mask, const RigidMotion2D& motion) {
  cv::Mat out;
  cv::warpAffine(mask, out, affineFor(motion, mask.size()), mask.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

namespace {

// The mask's motion from an ECC warp that maps live coordinates into mask coordinates (reduced px).
RigidMotion2D motionFromWarp(const cv::Mat& warp, cv::Size size) {
  RigidMotion2D m;
  const double angle = std::atan2(warp.at<float>(1, 0), warp.at<float>(0, 0));
  cv::Mat inverse;
  cv::invertAffineTransform(warp, inverse);
  // The mask moves by the inverse: its rotation about the centre, and where the centre goes.
  const cv::Point2d c((size.width - 1) / 2.0, (size.height - 1) / 2.0);
  const double cx = inverse.at<float>(0, 0) * c.x + inverse.at<float>(0, 1) * c.y + inverse.at<float>(0, 2);
  const double cy = inverse.at<float>(1, 0) * c.x + inverse.at<float>(1, 1) * c.y + inverse.at<float>(1, 2);
  m.angleDeg = -angle * 180.0 / CV_PI;
  m.dxPx = cx - c.x;
  m.dyPx = cy - c.y;
  m.valid = true;
  return m;
}

double reducedResidual(const cv::Mat& a, const cv::Mat& b, const RigidMotion2D& reduced, double reducedSigma) {
  cv::Mat moved = warpByMotion(a, reduced), diff;
  cv::absdiff(moved, b, diff);
  const int border = std::max(2, a.cols / 32);
  const cv::Rect inner(border, border, a.cols - 2 * border, a.rows - 2 * border);
  return cv::mean(diff(inner))[0] / std::max(reducedSigma, 1e-6);
}

}  // namespace

double motionResidual(const cv::Mat& mask, const cv::Mat& live, const RigidMotion2D& motion, double noiseSigma,
                      int workSizePx) {
  const double scale = std::min(1.0, static_cast<double>(workSizePx) / std::max(mask.cols, mask.rows));
  cv::Mat a, b;
  cv::resize(mask, a, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::resize(live, b, cv::Size(), scale, scale, cv::INTER_AREA);
  RigidMotion2D reduced = motion;
  reduced.dxPx *= scale;
  reduced.dyPx *= scale;
  return reducedResidual(a, b, reduced, noiseSigma * scale);
}

RigidMotion2D estimateMotion(const cv::Mat& mask, const cv::Mat& live, double noiseSigma, int workSizePx,
                             const cv::Mat& ignore) {
  RigidMotion2D result;
  if (mask.empty() || mask.size() != live.size()) return result;
  const double scale = std::min(1.0, static_cast<double>(workSizePx) / std::max(mask.cols, mask.rows));
  cv::Mat a, b;
  cv::resize(mask, a, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::resize(live, b, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat window;
  cv::createHanningWindow(window, a.size(), CV_32F);
  // Translation first, by phase correlation (robust to large shifts)...
  const cv::Point2d shift = cv::phaseCorrelate(a, b, window);
  RigidMotion2D phaseOnly;
  phaseOnly.dxPx = shift.x;
  phaseOnly.dyPx = shift.y;
  phaseOnly.valid = true;
  const double reducedSigma = noiseSigma * scale;
  phaseOnly.residualSigma = reducedResidual(a, b, phaseOnly, reducedSigma);
  RigidMotion2D best = phaseOnly;
  // ...then translation and angle together by ECC, started from it; kept only if it fits better.
  cv::Mat use;
  if (!ignore.empty()) {
    cv::resize(ignore, use, a.size(), 0, 0, cv::INTER_NEAREST);
    cv::dilate(use, use, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(7, 7)));
    cv::bitwise_not(use, use);
    if (static_cast<size_t>(cv::countNonZero(use)) < use.total() / 2) use.release();  // too little left to fit on
  }
  // ECC's warp maps live coordinates into the mask: the inverse of the mask's shift.
  cv::Mat warp = (cv::Mat_<float>(2, 3) << 1, 0, static_cast<float>(-shift.x), 0, 1, static_cast<float>(-shift.y));
  try {
    const cv::TermCriteria stop(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 40, 1e-5);
    if (use.empty()) {
      cv::findTransformECC(b, a, warp, cv::MOTION_EUCLIDEAN, stop, cv::noArray(), 3);
    } else {
      cv::findTransformECC(b, a, warp, cv::MOTION_EUCLIDEAN, stop, use, 3);
    }
    RigidMotion2D ecc = motionFromWarp(warp, a.size());
    ecc.residualSigma = reducedResidual(a, b, ecc, reducedSigma);
    if (ecc.residualSigma < best.residualSigma) best = ecc;
  } catch (const cv::Exception&) {
    // No convergence (little structure, or mostly contrast): the phase-correlation answer stands.
  }
  result = best;
  result.dxPx /= scale;
  result.dyPx /= scale;
  return result;
}

}  // namespace fg::guidance
