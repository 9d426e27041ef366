// The frame's conditioning before any guidance: the collimated field and the overlays, the noise
// per brightness on correlated noise, earlier anatomy states, and sizes in mm at any spacing.
#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "core/FramePool.hpp"
#include "guidance/FrameConditioner.hpp"
#include "guidance/AnalysisScale.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/FieldMask.hpp"
#include "guidance/GuidanceImage.hpp"
#include "guidance/NoiseModel.hpp"
#include "guidance/ReferenceBank.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
const AnalysisScale kScale{0.4, ScaleSource::AtAnatomy};

// Anatomy as a detector sees it through the field: its darkest parts (bone, in a linear
// encoding) keep a third of the median signal; the helper's own anatomy is far harsher.
cv::Mat seenAnatomy(int size, unsigned seed) {
  cv::Mat a = test::anatomy(size, seed);
  return 2000 + 0.35 * (a - 2000);
}

// That anatomy with quantum-like noise, `blades` (CV_8UC1, 255 = blade) at 0.3 % of the signal.
cv::Mat collimated(const cv::Mat& blades, unsigned seed) {
  cv::Mat image = test::withNoise(seenAnatomy(blades.rows, seed), 8, seed);
  cv::Mat dark = test::withNoise(cv::Mat(blades.size(), CV_32FC1, cv::Scalar(6)), 2, seed + 1);
  dark.copyTo(image, blades);
  return image;
}

double share(const cv::Mat& mask, const cv::Mat& where) {
  return static_cast<double>(cv::countNonZero(mask & where)) / std::max(1, cv::countNonZero(where));
}
}  // namespace

TEST_CASE("the field is found inside a circle, a rectangle and shutters", "[guidance][field]") {
  const cv::Size size(512, 512);
  cv::Mat circle = cv::Mat(size, CV_8UC1, cv::Scalar(255)), rectangle = circle.clone(), shutters = cv::Mat::zeros(size, CV_8UC1);
  cv::circle(circle, {256, 256}, 220, cv::Scalar(0), cv::FILLED);
  rectangle(cv::Rect(60, 40, 380, 420)).setTo(0);
  shutters(cv::Rect(0, 0, 70, 512)).setTo(255);
  shutters(cv::Rect(450, 0, 62, 512)).setTo(255);
  for (const cv::Mat& blades : {circle, rectangle, shutters}) {
    FieldFinder finder;
    const cv::Mat field = finder.update(collimated(blades, 3), kScale);
    cv::Mat inside = ~blades, deepInside;
    // A 3 mm margin on 2 mm cells: everything further in than 6 mm (15 px) is in the field.
    // (The image's own border counts as an edge too.)
    cv::erode(inside, deepInside, cv::getStructuringElement(cv::MORPH_ELLIPSE, {31, 31}), {-1, -1}, 1,
              cv::BORDER_CONSTANT, cv::Scalar(0));
    CHECK(share(field, blades) == 0.0);           // nothing behind the blades
    CHECK(share(field, deepInside) > 0.99);      // all of the field but its edge
  }
}

TEST_CASE("burned-in text is left out, contrast dense enough to clip later is not", "[guidance][field]") {
  FieldFinder finder;
  cv::Mat field;
  const cv::Mat anatomy = seenAnatomy(512, 4);
  for (unsigned i = 0; i < 10; ++i) {
    cv::Mat frame = test::withNoise(anatomy, 8, 50 + i);
    cv::putText(frame, "L  R  07:12", {20, 40}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(4095), 2);
    if (i >= 8) frame(cv::Rect(250, 250, 30, 30)).setTo(0);  // clipped by dense contrast
    if (i == 9) cv::line(frame, {300, 100}, {340, 300}, cv::Scalar(0), 2);  // a needle, clipped black
    field = finder.update(frame, kScale);
  }
  // Every glyph, and a millimetre around it, is out of the field.
  cv::Mat glyphs = cv::Mat::zeros(512, 512, CV_8UC1);
  cv::putText(glyphs, "L  R  07:12", {20, 40}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(255), 2);
  cv::dilate(glyphs, glyphs, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
  CHECK(cv::countNonZero(field & glyphs) == 0);
  CHECK(cv::countNonZero(field(cv::Rect(250, 250, 30, 30))) == 30 * 30);
  CHECK(cv::countNonZero(field(cv::Rect(300, 100, 40, 200))) == 40 * 200);
  CHECK(finder.fieldShare() > 0.8);
}

TEST_CASE("the noise model holds on correlated noise, where second differences read it far too low", "[guidance][noise]") {
  // An intensifier's blur or a scaled video signal: white noise blurred over 1.5 px.
  const cv::Size size(384, 384);
  const cv::Mat reference(size, CV_32FC1, cv::Scalar(2000));
  auto correlated = [&](unsigned seed) {
    cv::Mat n = test::withNoise(cv::Mat::zeros(size, CV_32FC1), 20, seed);
    cv::GaussianBlur(n, n, cv::Size(0, 0), 1.5);
    return n;
  };
  NoiseModel model;
  for (unsigned i = 0; i < 4; ++i) {
    const cv::Mat d = correlated(60 + i);
    model.learn(d, smoothForDetection(d, kScale, {}), reference, cv::Mat());
  }
  REQUIRE(model.ready());
  const cv::Mat fresh = correlated(99), freshSmooth = smoothForDetection(fresh, kScale, {});
  cv::Scalar mean, rawSd, smoothSd;
  cv::meanStdDev(fresh, mean, rawSd);
  cv::meanStdDev(freshSmooth, mean, smoothSd);
  const NoiseMaps maps = model.maps(reference);
  CHECK(maps.raw.at<float>(100, 100) == Approx(rawSd[0]).epsilon(0.1));
  CHECK(maps.smoothed.at<float>(100, 100) == Approx(smoothSd[0]).epsilon(0.1));
  CHECK(estimateNoiseSigma(fresh) < 0.5 * rawSd[0]);  // why the model measures the values themselves
  CHECK(cv::countNonZero(segmentContrast(fresh, freshSmooth, maps, cv::Mat(), kScale, {})) == 0);
}

TEST_CASE("the noise model has a floor where the signal does not change", "[guidance][noise]") {
  NoiseModel model;
  const cv::Mat flat = cv::Mat::zeros(128, 128, CV_32FC1);
  for (int i = 0; i < 3; ++i) model.learn(flat, flat, cv::Mat(128, 128, CV_32FC1, cv::Scalar(100)), cv::Mat());
  const NoiseMaps maps = model.maps(cv::Mat(128, 128, CV_32FC1, cv::Scalar(100)));
  CHECK(maps.raw.at<float>(5, 5) > 0.2f);
  CHECK(maps.smoothed.at<float>(5, 5) > 0.1f);
}

TEST_CASE("a state of the anatomy seen before is not contrast", "[guidance][bank]") {
  // Gas in one of two places; the mask caught it in the first, the bank saw both.
  const cv::Mat base = test::anatomy(256, 7);
  cv::Mat here = base.clone(), there = base.clone();
  cv::circle(here, {80, 80}, 12, cv::Scalar(2600), cv::FILLED);
  cv::circle(there, {90, 80}, 12, cv::Scalar(2600), cv::FILLED);
  ReferenceBank bank;
  bank.offer(smoothForDetection(here, kScale, {}), 0.0);
  bank.offer(smoothForDetection(there, kScale, {}), 1.0);
  REQUIRE(bank.size() == 2);
  cv::Mat live = there.clone();
  cv::circle(live, {180, 180}, 15, cv::Scalar(1500), cv::FILLED);  // contrast darkens
  const cv::Mat smoothLive = smoothForDetection(live, kScale, {});
  const cv::Mat againstMask = smoothForDetection(here, kScale, {}) - smoothLive;
  const cv::Mat least = bank.least(againstMask, smoothLive, cv::Mat());
  double gasAgainstMask = 0, gasLeast = 0, contrastLeast = 0;
  cv::minMaxLoc(againstMask(cv::Rect(60, 60, 45, 40)), nullptr, &gasAgainstMask);
  cv::minMaxLoc(least(cv::Rect(60, 60, 45, 40)), nullptr, &gasLeast);
  cv::minMaxLoc(least(cv::Rect(170, 170, 20, 20)), nullptr, &contrastLeast);
  CHECK(gasAgainstMask > 200);
  CHECK(gasLeast < 5);
  CHECK(contrastLeast > 400);
}

TEST_CASE("sizes are mm from the spacing, and an unknown spacing is an estimate said as such", "[guidance][scale]") {
  core::FrameFormat f = test::detectorFormat();
  f.magnification = 1.5;
  const AnalysisScale atSpine = analysisScale(f, 2);
  CHECK(atSpine.mmPerPx == Approx(0.4));
  CHECK(atSpine.source == ScaleSource::AtAnatomy);
  f.magnification = 0;
  CHECK(analysisScale(f, 2).source == ScaleSource::AssumedMagnification);
  CHECK(analysisScale(f, 2).mmPerPx == Approx(0.4));
  f.mmPerPixelX = f.mmPerPixelY = 0;
  const AnalysisScale unknown = analysisScale(f, 2);
  CHECK(unknown.estimated());
  CHECK(describe(unknown).find("estimated") != std::string::npos);
}

TEST_CASE("the analysis pixel is about 0.34 mm at the spine whatever the detector", "[guidance][scale]") {
  core::FrameFormat f = test::detectorFormat();
  f.magnification = 1.5;
  const auto binningAt = [&](double detectorMm) {
    f.mmPerPixelX = f.mmPerPixelY = detectorMm;
    return analysisBinning(f);
  };
  CHECK(binningAt(0.3) == 2);    // 0.40 mm at the spine
  CHECK(binningAt(0.234) == 2);  // an intensifier's 0.31 mm
  CHECK(binningAt(0.184) == 3);  // a panel's 0.37 mm
  CHECK(binningAt(0.15) == 3);   // 0.30 mm
  CHECK(binningAt(0.1) == 4);    // capped: 0.27 mm
  CHECK(binningAt(0.5) == 1);    // already coarser than the aim
  f.mmPerPixelX = f.mmPerPixelY = 0;
  CHECK(analysisBinning(f) == 2);  // the stated default detector, 0.4 mm (estimated)
  // The conditioner takes it from each frame unless told one.
  core::FramePool pool(2, 512 * 512 * 2);
  f.mmPerPixelX = f.mmPerPixelY = 0.184;
  auto writer = pool.acquire();
  f.width = f.height = 512;
  writer.setFormat(f);
  test::anatomy(512, 3).convertTo(cv::Mat(512, 512, CV_16UC1, writer.bytes().data()), CV_16U);
  writer.stamp(1, 0, 0);
  const core::FrameRef frame = std::move(writer).publish();
  FrameConditioner byScale, fixed(2);
  const auto a = byScale.condition(*frame);
  const auto b = fixed.condition(*frame);
  REQUIRE(a.isOk());
  REQUIRE(b.isOk());
  CHECK(a.value().binning == 3);
  CHECK(a.value().image.size() == cv::Size(170, 170));
  CHECK(a.value().scale.mmPerPx == Approx(0.184 * 3 / 1.5));
  CHECK(byScale.fieldMask().size() == a.value().image.size());
  CHECK(b.value().binning == 2);
  CHECK(b.value().image.size() == cv::Size(256, 256));
}

TEST_CASE("nothing is found on a noise-only run at 0.15, 0.3 and 0.45 mm", "[guidance][noise]") {
  const cv::Mat anatomy = test::anatomy(512, 9);
  for (const double mm : {0.15, 0.3, 0.45}) {
    core::FramePool pool(4, 512 * 512 * 2);
    ContrastAnalyzer analyzer;
    cv::Mat big;
    cv::resize(anatomy, big, cv::Size(512, 512));
    int found = 0, judged = 0;
    for (uint64_t i = 0; i < 40; ++i) {
      auto writer = pool.acquire();
      core::FrameFormat f = test::detectorFormat(512);
      f.mmPerPixelX = f.mmPerPixelY = mm;
      f.magnification = 1.5;
      writer.setFormat(f);
      cv::Mat target(512, 512, CV_16UC1, writer.bytes().data());
      // Correlated noise, as an intensifier's blur leaves it.
      cv::Mat noise = test::withNoise(cv::Mat::zeros(512, 512, CV_32FC1), 30, 200 + static_cast<unsigned>(i));
      cv::GaussianBlur(noise, noise, cv::Size(0, 0), 1.0);
      cv::Mat(big + noise).convertTo(target, CV_16U);
      writer.stamp(i, static_cast<int64_t>(i) * 66'000'000, static_cast<int64_t>(i) * 66'000'000);
      const core::FrameRef frame = std::move(writer).publish();
      const ContrastResult r = analyzer.analyze(*frame);
      judged += r.noiseLearnt ? 1 : 0;
      found += r.now.present || r.pattern.pattern != Pattern::Indeterminate ? 1 : 0;
    }
    INFO(mm << " mm/px");
    CHECK(judged > 30);
    CHECK(found == 0);
  }
}
