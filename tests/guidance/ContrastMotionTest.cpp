// While the patient moves the motion fit lags, and the edges it has not caught up with show as
// contrast: such frames are flagged, and for a while add nothing to the accumulated spread or the
// pattern. A manual shift is not the patient moving, and a patient who keeps moving does not keep
// the evidence out for ever.
#include <catch2/catch.hpp>
#include <functional>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "core/FramePool.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/MotionEstimate.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
constexpr int kSize = 512;
constexpr double kFps = 15;
constexpr uint64_t kFrames = 90;

// kFrames frames at kFps of anatomy and noise (0.2 mm at the spine, no needle), contrast from
// frame 20 on (confirmed within a few frames), the patient shifted by `shiftPx(i)` (frame px);
// `each` sees every result (and may change the analyser's settings before the next frame).
void run(const std::function<double(int)>& shiftPx,
         const std::function<void(uint64_t, const ContrastResult&, ContrastAnalyzer&)>& each) {
  core::FramePool pool(4, kSize * kSize * 2);
  ContrastAnalyzer analyzer;
  const cv::Mat anatomy = test::anatomy(kSize, 4);
  cv::Mat contrast = cv::Mat::zeros(kSize, kSize, CV_32FC1);
  cv::ellipse(contrast, cv::Point(256, 256), {30, 60}, 0, 0, 360, cv::Scalar(300), cv::FILLED);
  cv::GaussianBlur(contrast, contrast, cv::Size(0, 0), 3);
  for (uint64_t i = 0; i < kFrames; ++i) {
    RigidMotion2D shift;
    shift.dxPx = shiftPx(static_cast<int>(i));
    cv::Mat image = anatomy.clone();
    if (i >= 20) image -= contrast;
    image = test::withNoise(warpByMotion(image, shift), 20, 900 + static_cast<unsigned>(i));
    auto writer = pool.acquire();
    core::FrameFormat f = test::detectorFormat(kSize);
    f.magnification = 1.5;
    writer.setFormat(f);
    cv::Mat target(kSize, kSize, CV_16UC1, writer.bytes().data());
    image.convertTo(target, CV_16U);
    const auto t = static_cast<int64_t>(static_cast<double>(i) / kFps * 1e9);
    writer.stamp(i, t, t);
    each(i, analyzer.analyze(*std::move(writer).publish()), analyzer);
  }
}
}  // namespace

TEST_CASE("frames while the patient moves are flagged and add nothing to the spread", "[guidance][contrast]") {
  // A jerk of 8 px a frame (1.6 mm at the spine) over frames 40-44; then the patient lies still.
  double totalBefore = -1, totalHeld = -1;
  Pattern before = Pattern::Invalid;
  int moving = 0, movingBefore = 0, movingLate = 0;
  run([](int i) { return 8.0 * std::clamp(i - 39, 0, 5); },
      [&](uint64_t i, const ContrastResult& r, ContrastAnalyzer&) {
        if (i == 39) {
          totalBefore = r.total.areaMm2;
          before = r.pattern.pattern;
        }
        if (!r.patientMoving) return;
        ++moving;
        if (i < 40) ++movingBefore;
        if (i > 44 + static_cast<uint64_t>(kFps)) ++movingLate;  // a second after it stopped
        if (r.evidenceHeld) {
          totalHeld = std::max(totalHeld, r.total.areaMm2);
          CHECK(r.pattern.pattern == before);  // the pattern stands as it was
          CHECK_FALSE(r.pattern.intravascularAlert);
        }
      });
  REQUIRE(totalBefore > 0);
  CHECK(moving >= 5);
  CHECK(movingBefore == 0);
  CHECK(movingLate == 0);
  CHECK(totalHeld == Approx(totalBefore).epsilon(0.01));
}

TEST_CASE("a manual shift of the mask is not the patient moving", "[guidance][contrast]") {
  int moving = 0;
  run([](int) { return 0.0; }, [&](uint64_t i, const ContrastResult& r, ContrastAnalyzer& analyzer) {
    moving += r.patientMoving ? 1 : 0;
    if (i == 45) {  // the user nudges the mask by 3 px
      SubtractionSettings s = analyzer.subtractor().settings();
      s.manualShiftXPx = 3;
      analyzer.subtractor().setSettings(s);
    }
  });
  CHECK(moving == 0);
}

TEST_CASE("a patient who keeps moving holds the evidence out for 1.5 s at most", "[guidance][contrast]") {
  // Moving 4 px a frame from frame 40 to the end (3.3 s).
  int held = 0, movingNotHeld = 0;
  run([](int i) { return 4.0 * std::max(0, i - 39); }, [&](uint64_t, const ContrastResult& r, ContrastAnalyzer&) {
    held += r.evidenceHeld ? 1 : 0;
    movingNotHeld += r.patientMoving && !r.evidenceHeld ? 1 : 0;
  });
  CHECK(held > 0);
  CHECK(held <= static_cast<int>(1.5 * kFps) + 1);
  CHECK(movingNotHeld > 0);
}
