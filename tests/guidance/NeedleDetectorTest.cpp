#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "core/FramePool.hpp"
#include "guidance/FrameAnalysis.hpp"
#include "guidance/GuidanceImage.hpp"
#include "guidance/NeedleDetector.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
constexpr int kSize = 512;

// A 12-bit frame: smooth anatomy with a bone-like block and its hard edges, noise, and (when
// `withNeedle`) a 2.4 px wide dark needle from `hub` to `tip`, drawn at 4x and averaged down so
// its ends are sub-pixel.
struct Drawn {
  double mmPerPx = 0.3;      // at the detector
  double halfWidthPx = 1.2;  // the needle's half width
  double depth = 250;        // how much darker the needle is
  double noiseSigma = 8;     // per pixel
};

core::FrameRef needleFrame(core::FramePool& pool, bool withNeedle, cv::Point2d hub, cv::Point2d tip, unsigned seed,
                           const Drawn& drawn = {}) {
  cv::Mat image(kSize, kSize, CV_32FC1);
  for (int y = 0; y < kSize; ++y) {
    for (int x = 0; x < kSize; ++x) image.at<float>(y, x) = static_cast<float>(2500 + 1.5 * x - 0.8 * y);
  }
  image(cv::Rect(300, 100, 150, 120)) -= 600;  // a vertebral body: edges, no thin lines
  cv::GaussianBlur(image, image, cv::Size(0, 0), 1.5);
  if (withNeedle) {
    // A 2.4 px wide bar with square ends exactly at hub and tip (cv::line would round them off).
    cv::Mat fine = cv::Mat::zeros(kSize * 4, kSize * 4, CV_32FC1);
    const cv::Point2d along = (tip - hub) * (1.0 / cv::norm(tip - hub)),
                      across(-along.y * drawn.halfWidthPx, along.x * drawn.halfWidthPx);
    const cv::Point corners[] = {(hub + across) * 4, (tip + across) * 4, (tip - across) * 4, (hub - across) * 4};
    cv::fillConvexPoly(fine, corners, 4, cv::Scalar(1.0));
    cv::Mat needle;
    cv::resize(fine, needle, image.size(), 0, 0, cv::INTER_AREA);
    image -= needle * drawn.depth;
  }
  cv::Mat noise(image.size(), CV_32FC1);
  cv::RNG(seed).fill(noise, cv::RNG::NORMAL, 0, drawn.noiseSigma);
  image += noise;
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = kSize;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = drawn.mmPerPx;
  writer.setFormat(f);
  cv::Mat out(kSize, kSize, CV_16UC1, writer.bytes().data());
  image.convertTo(out, CV_16UC1);
  writer.stamp(seed, 0, 0);
  return std::move(writer).publish();
}

NeedleObservation detectIn(NeedleDetector& detector, const core::FrameRef& frame,
                           std::optional<cv::Point2d> target = std::nullopt) {
  const auto binned = toFloat(*frame, 2);
  REQUIRE(binned.isOk());
  return detector.detect(*frame, binned.value(), 2, target);
}
}  // namespace

TEST_CASE("a drawn needle's tip and angle are recovered", "[guidance][needle]") {
  core::FramePool pool(2, kSize * kSize * 2);
  const cv::Point2d hub(120.0, 470.0), tip(251.3, 262.6);
  NeedleDetector detector;
  const NeedleObservation n = detectIn(detector, needleFrame(pool, true, hub, tip, 1));
  REQUIRE(n.found);
  INFO("tip " << n.tipPx << " hub " << n.hubPx << " contrast " << n.contrastSigma);
  CHECK(cv::norm(n.tipPx - tip) < 1.0);  // 0.3 mm
  const cv::Point2d truthAxis = (tip - hub) * (1.0 / cv::norm(tip - hub));
  CHECK(std::acos(std::clamp(n.axis.dot(truthAxis), -1.0, 1.0)) * 180 / CV_PI < 1.0);
  CHECK(n.lengthPx == Approx(cv::norm(tip - hub)).margin(3));
  CHECK(n.confidence > 0.8);
}

TEST_CASE("a 25G needle on a fine flat panel, in each pixel's noise, is found", "[guidance][needle]") {
  // 0.15 mm pixels (0.1 mm at the spine): a 25G needle is about 5 px wide, and each pixel's noise
  // is 40 % of the needle's darkness, which the trace's single samples cannot follow; averaged over
  // a fifth of a millimetre it stands out.
  core::FramePool pool(2, kSize * kSize * 2);
  const cv::Point2d hub(140.0, 450.0), tip(260.0, 250.0);
  const Drawn fine{0.15, 2.5, 100, 40};
  NeedleDetector detector;
  const NeedleObservation n = detectIn(detector, needleFrame(pool, true, hub, tip, 3, fine));
  REQUIRE(n.found);
  INFO("tip " << n.tipPx << " contrast " << n.contrastSigma);
  CHECK(cv::norm(n.tipPx - tip) * 0.1 < 0.5);  // mm at the spine
  // And nothing where there is none, at the same noise.
  for (unsigned seed = 1; seed <= 3; ++seed) {
    NeedleDetector fresh;
    CHECK_FALSE(detectIn(fresh, needleFrame(pool, false, {}, {}, seed, fine)).found);
  }
}

TEST_CASE("a K-wire, wider than a needle's top-hat, is found whole: its tip and axis, not its two edges",
          "[guidance][needle]") {
  // A video feed without spacing, of a small field: 0.133 mm at the spine where 0.2 mm is assumed,
  // and a 1.6 mm K-wire 12 px across (2.4 mm as assumed: wider than the needle's top-hats, which
  // would keep only its rims).
  core::FramePool pool(2, kSize * kSize * 2);
  const cv::Point2d hub(110.0, 480.0), tip(262.0, 250.0);
  Drawn kWire;
  kWire.mmPerPx = 0;  // no spacing
  kWire.halfWidthPx = 6.0;
  kWire.depth = 400;
  for (unsigned seed = 5; seed <= 7; ++seed) {
    NeedleDetector detector;
    const NeedleObservation n = detectIn(detector, needleFrame(pool, true, hub, tip, seed, kWire));
    REQUIRE(n.found);
    INFO("tip " << n.tipPx << " hub " << n.hubPx << " width " << n.widthPx << " px");
    CHECK(cv::norm(n.tipPx - tip) * 0.133 < 0.5);  // mm at the spine
    const cv::Point2d truthAxis = (tip - hub) * (1.0 / cv::norm(tip - hub));
    CHECK(std::acos(std::clamp(n.axis.dot(truthAxis), -1.0, 1.0)) * 180 / CV_PI < 1.0);
    CHECK(n.widthPx == Approx(12.0).margin(3.0));
  }
}

TEST_CASE("no needle, no detection: edges and noise are not a needle", "[guidance][needle]") {
  core::FramePool pool(2, kSize * kSize * 2);
  NeedleDetector detector;
  for (unsigned seed = 1; seed <= 5; ++seed) {
    CHECK_FALSE(detectIn(detector, needleFrame(pool, false, {}, {}, seed)).found);
  }
}

TEST_CASE("the needle is tracked as it advances and the tip is the end toward the target", "[guidance][needle]") {
  core::FramePool pool(2, kSize * kSize * 2);
  NeedleDetector detector;
  const cv::Point2d hub(400.0, 480.0), direction(-0.5, -0.866);
  for (int step = 0; step < 4; ++step) {
    const cv::Point2d tip = hub + direction * (120.0 + 12.0 * step);
    // The target lies beyond the tip: the tip is the end toward it, wherever the view's centre is.
    const NeedleObservation n = detectIn(detector, needleFrame(pool, true, hub, tip, 10 + step), tip + direction * 80);
    REQUIRE(n.found);
    CHECK(cv::norm(n.tipPx - tip) < 1.0);
    if (step > 0) CHECK(n.tracked);
  }
}

TEST_CASE("on a fine panel the contrast bins 3 x 3 and the needle, searched on its 2 x 2 copy, is where it is",
          "[guidance][needle][scale]") {
  // 0.15 mm at the detector, 0.1 mm at the spine: a thin needle (0.45 mm at the detector) is
  // searched on the 2 x 2 copy and traced on the frame's px; its tip comes back in frame px.
  core::FramePool pool(4, kSize * kSize * 2);
  const cv::Point2d hub(120.0, 470.0), tip(251.3, 262.6);
  Drawn drawn;
  drawn.mmPerPx = 0.15;
  drawn.halfWidthPx = 1.5;
  drawn.depth = 80;
  FrameAnalysis analysis{AnalyzerSettings{}};
  for (unsigned i = 1; i <= 4; ++i) {
    const auto result = analysis.analyse(*needleFrame(pool, true, hub, tip, i, drawn), nullptr);
    REQUIRE(result);
    CHECK(result->contrast.binning == 3);
    REQUIRE(result->needle.found);
    INFO("frame " << i << " tip " << result->needle.tipPx);
    CHECK(cv::norm(result->needle.tipPx - tip) < 2.0);  // 0.2 mm at the spine
  }
}
