// When a change is taken for contrast arriving: iodine only darkens, so while as much of the view
// brightened, a darkening with no needle to explain it may be anatomy that moved, however far.
#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "core/FramePool.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/ContrastSpread.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
constexpr int kSize = 512;
constexpr int kChangeAtFrame = 20;

struct RunSummary {
  int reported = 0;  // frames reporting contrast
  bool froze = false;
};

// 40 frames (0.2 mm at the spine) `frameNs` apart, each image(i) fed to `analyzer`: how many
// reported contrast, and whether the mask froze.
template <typename Image>
RunSummary feed(ContrastAnalyzer& analyzer, int64_t frameNs, Image image) {
  core::FramePool pool(4, kSize * kSize * 2);
  RunSummary out;
  for (uint64_t i = 0; i < 40; ++i) {
    auto writer = pool.acquire();
    core::FrameFormat f = test::detectorFormat(kSize);
    f.magnification = 1.5;
    writer.setFormat(f);
    cv::Mat target(kSize, kSize, CV_16UC1, writer.bytes().data());
    image(i).convertTo(target, CV_16U);
    writer.stamp(i, static_cast<int64_t>(i) * frameNs, static_cast<int64_t>(i) * frameNs);
    const ContrastResult r = analyzer.analyze(*std::move(writer).publish());
    out.reported += r.now.present ? 1 : 0;
    out.froze = out.froze || r.maskState == MaskState::Frozen;
  }
  return out;
}

// 40 frames at 15/s of anatomy and noise (no needle), with `before` added (raw units, + brighter)
// until kChangeAtFrame and `after` from then on.
RunSummary run(const cv::Mat& before, const cv::Mat& after) {
  ContrastAnalyzer analyzer;
  const cv::Mat anatomy = test::anatomy(kSize, 4);
  return feed(analyzer, 66'000'000, [&](uint64_t i) {
    cv::Mat image = test::withNoise(anatomy, 20, 300 + static_cast<unsigned>(i));
    image += i >= kChangeAtFrame ? after : before;
    return image;
  });
}
}  // namespace

TEST_CASE("the area that brightened is counted, and contrast alone brightens nothing", "[guidance][spread]") {
  const AnalysisScale scale{0.4, ScaleSource::AtAnatomy};
  NoiseModel model;
  const cv::Mat reference(256, 256, CV_32FC1, cv::Scalar(2000));
  for (unsigned i = 0; i < 4; ++i) {
    const cv::Mat noise = test::withNoise(cv::Mat::zeros(reference.size(), CV_32FC1), 6, 40 + i);
    model.learn(noise, smoothForDetection(noise, scale, {}), reference, cv::Mat());
  }
  const NoiseMaps noise = model.maps(reference);
  const SpreadSettings settings;
  // mask - live: bowel gas 16 mm across that moved 40 mm left a darker place (+) and a brighter
  // one (-), each beyond the other's dipole test.
  cv::Mat contrast = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 6, 12);
  cv::circle(contrast, {60, 128}, 20, cv::Scalar(80), cv::FILLED);
  cv::Mat gas = contrast.clone();
  cv::circle(gas, {160, 128}, 20, cv::Scalar(-80), cv::FILLED);
  const int disc = static_cast<int>(CV_PI * 20 * 20);
  CHECK(brightenedPixels(smoothForDetection(contrast, scale, settings), noise, cv::Mat(), scale, settings) == 0);
  // (the detection's Gaussian widens the disc by a pixel or two)
  const int brightened = brightenedPixels(smoothForDetection(gas, scale, settings), noise, cv::Mat(), scale, settings);
  CHECK(brightened > disc);
  CHECK(brightened < 1.4 * disc);
  // The darker place alone passes the segmentation: the count is what tells the two apart.
  CHECK(cv::countNonZero(segmentContrast(gas, smoothForDetection(gas, scale, settings), noise, cv::Mat(), scale,
                                         settings)) > disc / 2);
}

TEST_CASE("gas that moved, with no needle in view, is not taken for an arrival", "[guidance][contrast]") {
  // Gas 24 mm across (raw +250: less attenuation) that moved 46 mm, beyond the dipole test's reach.
  cv::Mat before = cv::Mat::zeros(kSize, kSize, CV_32FC1), after = before.clone();
  cv::circle(before, {140, 256}, 60, cv::Scalar(250), cv::FILLED);
  cv::circle(after, {370, 256}, 60, cv::Scalar(250), cv::FILLED);
  const RunSummary gas = run(before, after);
  CHECK(gas.reported == 0);
  CHECK_FALSE(gas.froze);
  // The same darkening where the gas was, without the brightening elsewhere: contrast, confirmed.
  const RunSummary contrast = run(cv::Mat::zeros(kSize, kSize, CV_32FC1), -before);
  CHECK(contrast.froze);
  CHECK(contrast.reported > 10);
}

namespace {
// 40 frames at 7.5/s with a needle from (256, 450) to its tip at (256, 256) (frame px) and, from
// kChangeAtFrame, a darkening at the tip that grows every frame, as contrast arriving there does.
// `tipMovedPx`: how far the needle's tip is said to have advanced over the last half second.
RunSummary runAtNeedle(double tipMovedPx) {
  ContrastAnalyzer analyzer;
  analyzer.setNeedle(NeedleSite{{256, 256}, {256, 450}, tipMovedPx});
  const cv::Mat anatomy = test::anatomy(kSize, 5);
  return feed(analyzer, 133'000'000, [&](uint64_t i) {
    cv::Mat image = test::withNoise(anatomy, 20, 700 + static_cast<unsigned>(i));
    if (i >= kChangeAtFrame) {
      const int radius = 10 + 4 * static_cast<int>(i - kChangeAtFrame);
      cv::Mat pool = cv::Mat::zeros(image.size(), CV_32FC1);
      cv::circle(pool, {256, 256}, radius, cv::Scalar(200), cv::FILLED);
      image -= pool;
    }
    return image;
  });
}
}  // namespace

TEST_CASE("a change at the tip of a needle being advanced is not an arrival; once it stands, it is",
          "[guidance][contrast]") {
  // 0.2 mm per frame px at the spine: 2 px is 0.4 mm (standing), 20 px 4 mm (being advanced).
  const RunSummary standing = runAtNeedle(2);
  CHECK(standing.froze);
  CHECK(standing.reported > 10);
  const RunSummary advancing = runAtNeedle(20);
  CHECK_FALSE(advancing.froze);
  CHECK(advancing.reported == 0);
}
