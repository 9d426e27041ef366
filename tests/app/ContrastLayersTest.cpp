#include <catch2/catch.hpp>
#include <opencv2/core.hpp>

#include "app/ContrastLayers.hpp"
#include "app/IntravascularAlert.hpp"
#include "core/FramePool.hpp"

using namespace fg;
using namespace fg::app;

namespace {
guidance::ContrastResult resultWithSpread() {
  guidance::ContrastResult r;
  r.frameId = 10;
  r.timeS = 20.0;
  r.maskState = guidance::MaskState::Frozen;
  r.noiseSigma = 5;
  r.difference = cv::Mat(4, 6, CV_32FC1, cv::Scalar(0));
  r.difference.at<float>(1, 1) = 40;    // +8 sigma: contrast, black
  r.difference.at<float>(1, 2) = -40;   // -8 sigma: white
  r.spread = cv::Mat::zeros(4, 6, CV_8UC1);
  r.spread.at<uint8_t>(1, 1) = 255;
  r.accumulated = r.spread.clone();
  r.accumulated.at<uint8_t>(2, 4) = 255;
  return r;
}

core::FrameRef frameAt(core::FramePool& pool, uint64_t id, double timeS, uint32_t epoch = 0) {
  auto w = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = 2;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  w.setFormat(f);
  w.stamp(id, static_cast<int64_t>(timeS * 1e9), static_cast<int64_t>(timeS * 1e9), epoch);
  return std::move(w).publish();
}
}  // namespace

TEST_CASE("the spread layer marks now brighter than earlier", "[app][contrast]") {
  const auto r = resultWithSpread();
  const LayerImage with = spreadLayer(r, true), without = spreadLayer(r, false);
  REQUIRE(with.width == 6);
  REQUIRE(with.height == 4);
  CHECK(with.values[1 * 6 + 1] == kSpreadNowValue);
  CHECK(with.values[2 * 6 + 4] == kSpreadEarlierValue);
  CHECK(with.values[0] == 0);
  CHECK(without.values[2 * 6 + 4] == 0);
  CHECK(spreadLayer(guidance::ContrastResult{}, true).empty());
}

TEST_CASE("the subtracted layer is mid-grey with contrast dark", "[app][contrast]") {
  const LayerImage s = subtractedLayer(resultWithSpread());
  REQUIRE(s.values.size() == 24);
  CHECK(std::abs(s.values[0] - 128) <= 1);
  CHECK(s.values[1 * 6 + 1] == 0);
  CHECK(s.values[1 * 6 + 2] == 255);
}

TEST_CASE("an overlay is as old as its frame is behind the shown one", "[app][contrast]") {
  core::FramePool pool(2, 8);
  const auto r = resultWithSpread();  // frame time 20.0 s
  CHECK(overlayAgeS(r, *frameAt(pool, 12, 20.25)) == Approx(0.25));
  CHECK(overlayAgeS(r, *frameAt(pool, 9, 19.9)) == 0.0);  // never negative
  CHECK(overlayAgeS(r, *frameAt(pool, 30, 21.0)) > kStaleOverlayS);
  // After a seek or a loop (another timeline epoch) a result is never current, however near its
  // time: a later frame's spread is not shown on an earlier one.
  CHECK(overlayAgeS(r, *frameAt(pool, 40, 20.0, 1)) > kStaleOverlayS);
}

TEST_CASE("the intravascular alert is raised once per run", "[app][contrast]") {
  IntravascularAlertTracker alerts;
  guidance::ContrastResult r;
  r.maskState = guidance::MaskState::Frozen;
  r.frameId = 100;
  r.pattern.pattern = guidance::Pattern::Epidural;
  CHECK_FALSE(alerts.observe(r));
  // The result with the one-shot flag was never taken by the UI: the pattern alone raises it.
  r.frameId = 104;
  r.pattern.pattern = guidance::Pattern::Intravascular;
  r.pattern.confidence = 0.9;
  const auto raised = alerts.observe(r);
  REQUIRE(raised);
  CHECK(raised->frameId == 104);
  r.frameId = 105;
  CHECK_FALSE(alerts.observe(r));  // still the same run
  // A new mask is being collected: the next run may raise its own.
  r.maskState = guidance::MaskState::Collecting;
  r.pattern.pattern = guidance::Pattern::Indeterminate;
  alerts.observe(r);
  r.maskState = guidance::MaskState::Frozen;
  r.pattern.pattern = guidance::Pattern::Intravascular;
  r.frameId = 300;
  CHECK(alerts.observe(r));
  CHECK(alerts.raised() == 2);
}
