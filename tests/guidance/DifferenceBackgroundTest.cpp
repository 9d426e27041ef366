#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/DifferenceBackground.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
// A difference of 0 plus a plane (offset at the centre, slopes per px) plus noise.
cv::Mat planeImage(double offset, double slopeX, double slopeY, double noise) {
  cv::Mat d(256, 256, CV_32FC1);
  for (int y = 0; y < d.rows; ++y) {
    for (int x = 0; x < d.cols; ++x) {
      d.at<float>(y, x) = static_cast<float>(offset + slopeX * (x - 127.5) + slopeY * (y - 127.5));
    }
  }
  return test::withNoise(d, noise, 3);
}
}  // namespace

TEST_CASE("an exposure offset and a soft-tissue slope are fitted around the contrast", "[guidance][background]") {
  cv::Mat d = planeImage(12, 0.05, -0.08, 4);
  // Contrast: strong, a sixth of the view; known and left out, plus a bone edge's misfit outliers.
  cv::ellipse(d, {128, 128}, {50, 30}, 0, 0, 360, cv::Scalar(300), cv::FILLED);
  cv::line(d, {10, 200}, {240, 210}, cv::Scalar(-150), 3);
  cv::Mat contrast = cv::Mat::zeros(d.size(), CV_8UC1);
  cv::ellipse(contrast, {128, 128}, {50, 30}, 0, 0, 360, cv::Scalar(255), cv::FILLED);

  const BackgroundPlane plane = fitBackground(d, contrast, true);
  CHECK(plane.offset == Approx(12).margin(0.5));
  CHECK(plane.slopeX == Approx(0.05).margin(0.005));
  CHECK(plane.slopeY == Approx(-0.08).margin(0.005));
  removeBackground(d, plane);
  cv::Mat outside;
  cv::bitwise_not(contrast, outside);
  outside(cv::Rect(0, 190, 256, 30)).setTo(0);  // leave out the edge line
  CHECK(cv::mean(d, outside)[0] == Approx(0).margin(0.3));
  // The contrast keeps its value above the removed background.
  CHECK(d.at<float>(128, 128) == Approx(300).margin(15));
}

TEST_CASE("without motion only the offset is taken out", "[guidance][background]") {
  cv::Mat d = planeImage(-7, 0, 0, 3);
  const BackgroundPlane plane = fitBackground(d, cv::Mat(), false);
  CHECK(plane.offset == Approx(-7).margin(0.3));
  CHECK(plane.slopeX == 0);
  CHECK(plane.slopeY == 0);
}

TEST_CASE("a registration error shows as sigma in proportion to the edge and the error", "[guidance][background]") {
  cv::Mat flat(128, 128, CV_32FC1, cv::Scalar(1000));
  CHECK(cv::norm(misregistrationSigma(flat, 0.5, 2.0), cv::NORM_INF) == Approx(0).margin(1e-3));
  // A ramp of 10 units per px: an error of e px leaves 10 e.
  cv::Mat ramp(129, 129, CV_32FC1);
  for (int y = 0; y < ramp.rows; ++y) {
    for (int x = 0; x < ramp.cols; ++x) ramp.at<float>(y, x) = 10.0f * x;
  }
  const cv::Mat sigma = misregistrationSigma(ramp, 0.5, 2.0);
  CHECK(sigma.at<float>(64, 64) == Approx(5.0).epsilon(0.02));    // centre: 0.5 px
  CHECK(sigma.at<float>(64, 127) == Approx(10 * (0.5 + 1.5 * 63 / 64.0)).epsilon(0.02));  // ~half a width out: ~2 px
}
