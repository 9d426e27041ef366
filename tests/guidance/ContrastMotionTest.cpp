// While the patient moves the motion fit lags, and the edges it has not caught up with show as
// contrast: such frames are flagged, and add nothing to the accumulated spread or the pattern.
#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "core/FramePool.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/MotionEstimate.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("frames while the patient moves are flagged and add nothing to the spread", "[guidance][contrast]") {
  constexpr int kSize = 512;
  constexpr double kFps = 15;
  core::FramePool pool(4, kSize * kSize * 2);
  ContrastAnalyzer analyzer;
  const cv::Mat anatomy = test::anatomy(kSize, 4);
  cv::Mat contrast = cv::Mat::zeros(kSize, kSize, CV_32FC1);
  cv::ellipse(contrast, cv::Point(256, 256), {30, 60}, 0, 0, 360, cv::Scalar(300), cv::FILLED);
  cv::GaussianBlur(contrast, contrast, cv::Size(0, 0), 3);
  // Contrast from frame 20 on (confirmed within a few frames, no needle); the patient shifts by
  // 8 px a frame (1.6 mm at the spine: a jerk) over frames 40-44, then lies still.
  double totalBefore = -1, totalMoving = -1;
  int moving = 0, movingBefore = 0, movingLate = 0;
  for (uint64_t i = 0; i < 70; ++i) {
    RigidMotion2D shift;
    shift.dxPx = 8.0 * std::clamp(static_cast<int>(i) - 39, 0, 5);
    cv::Mat image = anatomy.clone();
    if (i >= 20) image -= contrast;
    image = warpByMotion(image, shift);
    image = test::withNoise(image, 20, 900 + static_cast<unsigned>(i));
    auto writer = pool.acquire();
    core::FrameFormat f = test::detectorFormat(kSize);
    f.magnification = 1.5;
    writer.setFormat(f);
    cv::Mat target(kSize, kSize, CV_16UC1, writer.bytes().data());
    image.convertTo(target, CV_16U);
    const auto t = static_cast<int64_t>(static_cast<double>(i) / kFps * 1e9);
    writer.stamp(i, t, t);
    const ContrastResult r = analyzer.analyze(*std::move(writer).publish());
    if (i == 39) totalBefore = r.total.areaMm2;
    if (r.patientMoving) {
      ++moving;
      totalMoving = std::max(totalMoving, r.total.areaMm2);
      if (i < 40) ++movingBefore;
      if (i > 44 + static_cast<uint64_t>(kFps)) ++movingLate;  // a second after it stopped
      CHECK(r.pattern.pattern != Pattern::Intravascular);
    }
  }
  REQUIRE(totalBefore > 0);
  CHECK(moving >= 5);
  CHECK(movingBefore == 0);
  CHECK(movingLate == 0);
  CHECK(totalMoving == Approx(totalBefore).epsilon(0.01));
}
