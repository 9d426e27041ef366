#include "guidance/DiscDilation.hpp"

#include <opencv2/imgproc.hpp>

namespace fg::guidance {
namespace {
// Up to this radius the elliptic element's dilation is as fast as a distance transform.
constexpr int kElementUpToPx = 3;
}  // namespace

void dilateByDisc(const cv::Mat& mask, cv::Mat& out, int radiusPx) {
  CV_Assert(mask.type() == CV_8UC1);
  if (radiusPx <= 0) {
    if (&out != &mask) mask.copyTo(out);
    return;
  }
  if (radiusPx <= kElementUpToPx) {
    cv::dilate(mask, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * radiusPx + 1, 2 * radiusPx + 1)));
    return;
  }
  // The distance of each unset pixel to the nearest set one (exact Euclidean); the element's
  // rasterised rim (each row's half-width rounded) reaches a little further here and less there
  // (up to about half a pixel at a 40 px radius): a quarter pixel's allowance sits between.
  cv::Mat unset = mask == 0, distancePx;
  cv::distanceTransform(unset, distancePx, cv::DIST_L2, cv::DIST_MASK_PRECISE, CV_32F);
  cv::compare(distancePx, radiusPx + 0.25, out, cv::CMP_LE);
}

}  // namespace fg::guidance
