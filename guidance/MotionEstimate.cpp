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

RigidMotion2D estimateMotion(const cv::Mat& mask, const cv::Mat& live, double noiseSigma, int workSizePx) {
  RigidMotion2D result;
  if (mask.empty() || mask.size() != live.size()) return result;
  const double scale = std::min(1.0, static_cast<double>(workSizePx) / std::max(mask.cols, mask.rows));
  cv::Mat a, b;
  cv::resize(mask, a, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::resize(live, b, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat window;
  cv::createHanningWindow(window, a.size(), CV_32F);
  const cv::Point2d shift = cv::phaseCorrelate(a, b, window);
  cv::Mat warp = (cv::Mat_<float>(2, 3) << 1, 0, static_cast<float>(shift.x), 0, 1, static_cast<float>(shift.y));
  try {
    // ECC estimates the warp that maps `b` coordinates into `a`: template = live, input = mask.
    cv::findTransformECC(b, a, warp, cv::MOTION_EUCLIDEAN,
                         cv::TermCriteria(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 40, 1e-5), cv::noArray(), 3);
  } catch (const cv::Exception&) {
    // No convergence (little structure, or mostly contrast): keep the phase-correlation answer.
    warp = (cv::Mat_<float>(2, 3) << 1, 0, static_cast<float>(shift.x), 0, 1, static_cast<float>(shift.y));
  }
  // warp maps live -> mask: x_mask = R x_live + t. The mask's motion is its inverse.
  const double angle = std::atan2(warp.at<float>(1, 0), warp.at<float>(0, 0));
  cv::Mat inverse;
  cv::invertAffineTransform(warp, inverse);
  // The mask moves by the inverse: its rotation about the centre, and where the centre goes.
  const cv::Point2d c((a.cols - 1) / 2.0, (a.rows - 1) / 2.0);
  const double cx = inverse.at<float>(0, 0) * c.x + inverse.at<float>(0, 1) * c.y + inverse.at<float>(0, 2);
  const double cy = inverse.at<float>(1, 0) * c.x + inverse.at<float>(1, 1) * c.y + inverse.at<float>(1, 2);
  result.angleDeg = -angle * 180.0 / CV_PI;
  result.dxPx = (cx - c.x) / scale;
  result.dyPx = (cy - c.y) / scale;
  // Residual on the reduced images (noise there is reduced by the averaging of INTER_AREA).
  RigidMotion2D reduced = result;
  reduced.dxPx *= scale;
  reduced.dyPx *= scale;
  cv::Mat moved = warpByMotion(a, reduced), diff;
  cv::absdiff(moved, b, diff);
  const int border = std::max(2, a.cols / 32);
  const cv::Rect inner(border, border, a.cols - 2 * border, a.rows - 2 * border);
  const double reducedSigma = std::max(noiseSigma * scale, 1e-6);
  result.residualSigma = cv::mean(diff(inner))[0] / reducedSigma;
  result.valid = true;
  return result;
}

}  // namespace fg::guidance
