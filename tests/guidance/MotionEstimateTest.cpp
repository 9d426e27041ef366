#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/MotionEstimate.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("a known shift is recovered within half a pixel", "[guidance][motion]") {
  const cv::Mat mask = test::anatomy(512, 3);
  for (auto [dx, dy] : {std::pair{7.3, -4.6}, std::pair{-12.0, 9.5}, std::pair{0.4, 0.0}}) {
    RigidMotion2D truth;
    truth.dxPx = dx;
    truth.dyPx = dy;
    const cv::Mat live = test::withNoise(warpByMotion(mask, truth), 5, 11);
    const RigidMotion2D m = estimateMotion(test::withNoise(mask, 5, 12), live, 5);
    INFO("dx " << dx << " dy " << dy << " -> " << m.dxPx << ", " << m.dyPx << ", " << m.angleDeg);
    REQUIRE(m.valid);
    CHECK(m.dxPx == Approx(dx).margin(0.5));
    CHECK(m.dyPx == Approx(dy).margin(0.5));
    CHECK(m.angleDeg == Approx(0).margin(0.2));
  }
}

TEST_CASE("a known rotation and shift are recovered and the residual drops to noise", "[guidance][motion]") {
  const cv::Mat mask = test::anatomy(512, 5);
  RigidMotion2D truth;
  truth.dxPx = 5;
  truth.dyPx = 3;
  truth.angleDeg = 2.0;
  const cv::Mat live = test::withNoise(warpByMotion(mask, truth), 5, 21);
  const RigidMotion2D m = estimateMotion(test::withNoise(mask, 5, 22), live, 5);
  INFO(m.dxPx << ", " << m.dyPx << ", " << m.angleDeg << ", residual " << m.residualSigma);
  CHECK(m.angleDeg == Approx(2.0).margin(0.15));
  CHECK(m.dxPx == Approx(5).margin(0.5));
  CHECK(m.dyPx == Approx(3).margin(0.5));
  RigidMotion2D none;
  none.valid = true;
  // Applying the estimate makes the mask fit: the residual of the estimate is far below no-motion's.
  const cv::Mat fitted = warpByMotion(mask, m);
  cv::Mat d1, d2;
  cv::absdiff(fitted, live, d1);
  cv::absdiff(mask, live, d2);
  const cv::Rect inner(32, 32, 448, 448);
  CHECK(cv::mean(d1(inner))[0] < 0.3 * cv::mean(d2(inner))[0]);
}

TEST_CASE("mismatched sizes give no estimate", "[guidance][motion][errors]") {
  const cv::Mat a = test::anatomy(256), b = test::anatomy(128);
  CHECK_FALSE(estimateMotion(a, b, 5).valid);
}
