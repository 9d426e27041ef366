// The distance-based disc dilation against the elliptic element it stands in for.
#include <catch2/catch.hpp>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "guidance/DiscDilation.hpp"

using fg::guidance::dilateByDisc;

namespace {
cv::Mat byElement(const cv::Mat& mask, int r) {
  cv::Mat out;
  cv::dilate(mask, out, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * r + 1, 2 * r + 1)));
  return out;
}
}  // namespace

TEST_CASE("a mask grown by a disc reaches as far as the elliptic element, to the rim's last pixel") {
  cv::Mat mask = cv::Mat::zeros(300, 300, CV_8UC1);
  mask.at<uint8_t>(150, 150) = 255;                          // a point...
  cv::line(mask, {40, 60}, {120, 90}, cv::Scalar(255), 1);    // ...a line...
  cv::rectangle(mask, {200, 200}, {230, 260}, cv::Scalar(255), cv::FILLED);  // ...and a block
  for (const int r : {1, 3, 4, 9, 25}) {
    cv::Mat grown;
    dilateByDisc(mask, grown, r);
    const cv::Mat expected = byElement(mask, r);
    cv::Mat differ;
    cv::bitwise_xor(grown > 0, expected > 0, differ);
    // Only on the rim: a disc of radius r has ~2 pi r rim pixels per isolated feature.
    INFO("radius " << r);
    CHECK(cv::countNonZero(differ) <= static_cast<int>(0.05 * cv::countNonZero(expected)) + 1);
    // Every set pixel stays set, and nothing lies further than the radius (and its rim).
    CHECK(cv::countNonZero(mask & ~grown) == 0);
    CHECK(cv::countNonZero(grown & ~byElement(mask, r + 1)) == 0);
  }
  cv::Mat disc;
  dilateByDisc(mask(cv::Rect(100, 100, 99, 99)), disc, 40);  // the point alone, at the centre
  CHECK(std::abs(cv::countNonZero(disc) - CV_PI * 40 * 40) < 2 * CV_PI * 40);
  CHECK(disc.at<uint8_t>(50, 90) != 0);   // 40 px right of the point
  CHECK(disc.at<uint8_t>(50, 91) == 0);   // 41 px
  CHECK(disc.at<uint8_t>(78, 78) != 0);   // 39.6 px along the diagonal: inside...
  CHECK(disc.at<uint8_t>(79, 79) == 0);   // ...41.0 px: outside
}
