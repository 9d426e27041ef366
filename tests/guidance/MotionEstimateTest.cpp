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

TEST_CASE("a turned repetitive spine-like pattern is not mistaken for its neighbour", "[guidance][motion]") {
  // Vertebra-like blobs every 48 px down the middle: shifting by one period looks almost alike.
  cv::Mat mask(512, 512, CV_32FC1, cv::Scalar(2000));
  for (int y = 24; y < 512; y += 48) {
    cv::ellipse(mask, {256, y}, {60, 18}, 0, 0, 360, cv::Scalar(1400), cv::FILLED);
    cv::ellipse(mask, {256, y + 24}, {14, 8}, 0, 0, 360, cv::Scalar(1700), cv::FILLED);
    cv::ellipse(mask, {180, y}, {30, 6}, 0, 0, 360, cv::Scalar(1800), cv::FILLED);
  }
  cv::GaussianBlur(mask, mask, cv::Size(0, 0), 2);
  for (int y = 0; y < 512; ++y) {
    for (int x = 0; x < 512; ++x) mask.at<float>(y, x) += 0.6f * x;  // soft tissue
  }
  RigidMotion2D truth;
  truth.dxPx = 10;
  truth.dyPx = -15;
  truth.angleDeg = 2.0;
  const cv::Mat live = test::withNoise(warpByMotion(mask, truth), 5, 31);
  const RigidMotion2D m = estimateMotion(test::withNoise(mask, 5, 32), live, 5);
  INFO(m.dxPx << ", " << m.dyPx << ", " << m.angleDeg);
  CHECK(m.dxPx == Approx(10).margin(0.5));
  CHECK(m.dyPx == Approx(-15).margin(0.5));
  CHECK(m.angleDeg == Approx(2.0).margin(0.15));
}

TEST_CASE("arriving contrast does not look like a misfit, motion does", "[guidance][motion]") {
  const cv::Mat mask = test::anatomy(256, 13);
  const cv::Mat still = test::withNoise(mask, 5, 41);
  cv::Mat blob = cv::Mat::zeros(mask.size(), CV_32FC1);
  cv::ellipse(blob, {128, 128}, {40, 60}, 0, 0, 360, cv::Scalar(120), cv::FILLED);
  const cv::Mat withContrast = still - blob;  // attenuation: the live image darker
  RigidMotion2D shift;
  shift.dxPx = 2;
  const cv::Mat moved = test::withNoise(warpByMotion(mask, shift), 5, 42);
  const RigidMotion2D none{0, 0, 0, 0, true};
  auto oneSided = [&](const cv::Mat& live) {
    return motionResidual(mask, live, none, 5, 128, cv::Mat(), ResidualSide::MaskDarkerOnly);
  };
  const double base = oneSided(still);
  CHECK(oneSided(withContrast) < 1.15 * base);
  CHECK(motionResidual(mask, withContrast, none, 5, 128) > 1.5 * motionResidual(mask, still, none, 5, 128));
  CHECK(oneSided(moved) > 2 * base);
}

TEST_CASE("a map made under one motion estimate is carried to the next", "[guidance][motion]") {
  const cv::Size size(200, 100);
  RigidMotion2D a, b;
  a.dxPx = 3;
  a.angleDeg = 1;
  b.dxPx = -2;
  b.dyPx = 5;
  b.angleDeg = -1.5;
  const cv::Mat change = motionChange(a, b, size);
  const cv::Mat ma = motionMatrix(a, size), mb = motionMatrix(b, size);
  for (const cv::Point2d p : {cv::Point2d(10, 20), cv::Point2d(150, 80), cv::Point2d(99.5, 49.5)}) {
    const cv::Point2d viaA(ma.at<double>(0, 0) * p.x + ma.at<double>(0, 1) * p.y + ma.at<double>(0, 2),
                           ma.at<double>(1, 0) * p.x + ma.at<double>(1, 1) * p.y + ma.at<double>(1, 2));
    const cv::Point2d carried(
        change.at<double>(0, 0) * viaA.x + change.at<double>(0, 1) * viaA.y + change.at<double>(0, 2),
        change.at<double>(1, 0) * viaA.x + change.at<double>(1, 1) * viaA.y + change.at<double>(1, 2));
    const cv::Point2d viaB(mb.at<double>(0, 0) * p.x + mb.at<double>(0, 1) * p.y + mb.at<double>(0, 2),
                           mb.at<double>(1, 0) * p.x + mb.at<double>(1, 1) * p.y + mb.at<double>(1, 2));
    CHECK(carried.x == Approx(viaB.x).margin(1e-9));
    CHECK(carried.y == Approx(viaB.y).margin(1e-9));
  }
}
