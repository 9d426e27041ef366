#include <catch2/catch.hpp>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/Subtraction.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
constexpr double kNoise = 5;

// Contrast attenuates: the live image is darker by `value` inside the ellipse.
cv::Mat withContrast(const cv::Mat& image, cv::Point centre, double value) {
  cv::Mat out = image.clone();
  cv::Mat blob = cv::Mat::zeros(image.size(), CV_32FC1);
  cv::ellipse(blob, centre, {20, 35}, 0, 0, 360, cv::Scalar(value), cv::FILLED);
  cv::GaussianBlur(blob, blob, cv::Size(0, 0), 2);
  return out - blob;
}
}  // namespace

TEST_CASE("the mask freezes when contrast arrives and the difference is the contrast", "[guidance][subtraction]") {
  const cv::Mat anatomy = test::anatomy(512, 7);
  Subtractor subtractor;
  for (int i = 0; i < 4; ++i) {
    const cv::Mat live = test::withNoise(anatomy, kNoise, 100 + i);
    subtractor.subtract(live, kNoise);
    subtractor.observe(live, false, i + 1, i * 100'000'000);
  }
  CHECK(subtractor.state() == MaskState::Collecting);
  const cv::Mat live = test::withNoise(withContrast(anatomy, {256, 256}, 150), kNoise, 200);
  subtractor.observe(live, true, 5, 500'000'000);
  CHECK(subtractor.state() == MaskState::Frozen);
  const Subtracted s = subtractor.subtract(live, kNoise);
  REQUIRE_FALSE(s.difference.empty());
  CHECK(s.maskFrameId == 4);
  CHECK(s.difference.at<float>(256, 256) == Approx(150).margin(25));  // contrast, positive
  CHECK(std::abs(cv::mean(s.difference(cv::Rect(0, 0, 128, 128)))[0]) < 2.0);  // anatomy cancels
  CHECK(s.registrationTrusted);
}

TEST_CASE("patient motion after the mask is followed and the anatomy still cancels", "[guidance][subtraction]") {
  const cv::Mat anatomy = test::anatomy(512, 9);
  Subtractor subtractor;
  for (int i = 0; i < 3; ++i) {
    const cv::Mat live = test::withNoise(anatomy, kNoise, 300 + i);
    subtractor.subtract(live, kNoise);
    subtractor.observe(live, false, i + 1, i);
  }
  subtractor.observe(anatomy, true, 4, 4);
  // The patient turns 2 degrees and shifts by (9, -6) px, step by step, with contrast in view.
  RigidMotion2D truth;
  Subtracted s;
  for (int step = 1; step <= 5; ++step) {
    truth.dxPx = 9.0 * step / 5;
    truth.dyPx = -6.0 * step / 5;
    truth.angleDeg = 2.0 * step / 5;
    const cv::Mat moved = warpByMotion(anatomy, truth);
    s = subtractor.subtract(test::withNoise(withContrast(moved, {256, 256}, 150), kNoise, 400 + step), kNoise);
  }
  INFO(s.motion.dxPx << ", " << s.motion.dyPx << ", " << s.motion.angleDeg);
  CHECK(s.motion.dxPx == Approx(9).margin(0.5));
  CHECK(s.motion.dyPx == Approx(-6).margin(0.5));
  CHECK(s.motion.angleDeg == Approx(2).margin(0.15));
  CHECK(s.registrationTrusted);
  CHECK_FALSE(s.misregistrationSigma.empty());
  // Off the contrast the difference is noise (the mask's and the live frame's).
  const cv::Rect corner(40, 40, 100, 100);
  cv::Scalar mean, sd;
  cv::meanStdDev(s.difference(corner), mean, sd);
  CHECK(std::abs(mean[0]) < 2.0);
  CHECK(sd[0] < 3 * kNoise);
  CHECK(s.difference.at<float>(256, 256) == Approx(150).margin(30));
}

TEST_CASE("a manual shift moves the mask by that much", "[guidance][subtraction]") {
  const cv::Mat anatomy = test::anatomy(256, 11);
  SubtractionSettings settings;
  settings.compensation = MotionCompensation::Off;
  settings.manualShiftXPx = 3;
  Subtractor subtractor(settings);
  subtractor.observe(anatomy, false, 1, 0);
  RigidMotion2D shift;
  shift.dxPx = 3;
  const Subtracted s = subtractor.subtract(warpByMotion(anatomy, shift), kNoise);
  CHECK(s.motion.dxPx == Approx(3));
  CHECK(cv::mean(cv::abs(s.difference(cv::Rect(20, 20, 200, 200))))[0] < 1.0);
}

TEST_CASE("the subtractor says what it did to the mask, so a filtered copy can follow it", "[guidance][subtraction]") {
  const cv::Mat anatomy = test::anatomy(256, 4);
  Subtractor subtractor;
  const cv::Mat a = test::withNoise(anatomy, kNoise, 1), b = test::withNoise(anatomy, kNoise, 2);
  const uint64_t start = subtractor.maskRevision();
  CHECK(subtractor.observe(a, false, 1, 0) == Subtractor::MaskChange::Taken);
  CHECK(subtractor.maskRevision() == start + 1);
  CHECK(subtractor.observe(b, false, 2, 1) == Subtractor::MaskChange::Blended);
  CHECK(subtractor.maskRevision() == start + 2);
  // A linear filter of the blended mask is the same blend of the filtered frames.
  cv::Mat fa, fb, fm, blend;
  cv::GaussianBlur(a, fa, cv::Size(9, 9), 1.5);
  cv::GaussianBlur(b, fb, cv::Size(9, 9), 1.5);
  cv::GaussianBlur(subtractor.mask(), fm, cv::Size(9, 9), 1.5);
  cv::addWeighted(fa, 1 - subtractor.blendGain(), fb, subtractor.blendGain(), 0, blend);
  CHECK(cv::norm(fm, blend, cv::NORM_INF) < 1e-2);
  CHECK(subtractor.observe(b, true, 3, 2) == Subtractor::MaskChange::Froze);
  CHECK(subtractor.maskRevision() == start + 2);  // freezing keeps the mask
  CHECK(subtractor.observe(a, false, 4, 3) == Subtractor::MaskChange::None);
  subtractor.remask();
  CHECK(subtractor.maskRevision() == start + 3);
  CHECK(subtractor.mask().empty());
}

TEST_CASE("the candidate mask follows the anatomy in time, not in frames", "[guidance][subtraction]") {
  // Half a frame per pulse at 7.5 pulses/s and slower; at 30/s a quarter of that time's worth.
  CHECK(Subtractor::candidateGain(1 / 7.5) == Approx(0.5).margin(0.01));
  CHECK(Subtractor::candidateGain(1 / 3.75) == Approx(0.5));
  CHECK(Subtractor::candidateGain(1 / 30.0) == Approx(1 - std::exp2(-1 / 30.0 / Subtractor::kCandidateHalfLifeS)));
  CHECK(Subtractor::candidateGain(1 / 30.0) < 0.2);
  CHECK(Subtractor::candidateGain(0) == Approx(0.5));   // no clock: one pulse
  CHECK(Subtractor::candidateGain(-1) == Approx(0.5));  // a clock that went back
  // Four blends at 30/s leave about what one does at 7.5/s of the first frame.
  const cv::Mat a(32, 32, CV_32FC1, cv::Scalar(100)), b(32, 32, CV_32FC1, cv::Scalar(0));
  Subtractor fast;
  fast.observe(a, false, 1, 0);
  for (int i = 1; i <= 4; ++i) fast.observe(b, false, 1 + i, static_cast<int64_t>(i * 1e9 / 30));
  CHECK(fast.mask().at<float>(16, 16) == Approx(100 * std::exp2(-4 / 30.0 / Subtractor::kCandidateHalfLifeS)).epsilon(1e-3));
  CHECK(fast.blendGain() == Approx(Subtractor::candidateGain(1 / 30.0)));
}
