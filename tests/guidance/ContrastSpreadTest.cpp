#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/ContrastPattern.hpp"
#include "guidance/ContrastSpread.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
// 0.6 mm analysis px at the detector, 1.5x magnification: 0.4 mm at the spine.
const AnalysisScale kScale{0.4, ScaleSource::AtAnatomy};

// The noise model learnt from a few noise-only differences of this sigma (white), as the
// analyser learns it while the mask is collected.
NoiseMaps learntNoise(double sigma, cv::Size size, const cv::Mat& reference = cv::Mat()) {
  NoiseModel model;
  const cv::Mat ref = reference.empty() ? cv::Mat(size, CV_32FC1, cv::Scalar(2000)) : reference;
  for (unsigned i = 0; i < 4; ++i) {
    const cv::Mat noise = test::withNoise(cv::Mat::zeros(size, CV_32FC1), sigma, 100 + i);
    model.learn(noise, smoothForDetection(noise, kScale, {}), ref, cv::Mat());
  }
  return model.maps(ref);
}

cv::Mat segment(const cv::Mat& difference, const NoiseMaps& noise) {
  return segmentContrast(difference, smoothForDetection(difference, kScale, {}), noise, cv::Mat(), kScale, {});
}
}  // namespace

TEST_CASE("a known blob's area is measured within 2 %", "[guidance][spread]") {
  // A pool of contrast 20 noise sigmas strong with a hard edge, and one 6 sigmas strong.
  for (const double strength : {120.0, 36.0}) {
    cv::Mat difference = test::withNoise(cv::Mat(512, 512, CV_32FC1, cv::Scalar(0)), 6, 4);
    cv::Mat blob = cv::Mat::zeros(difference.size(), CV_32FC1);
    cv::ellipse(blob, {256, 256}, {60, 40}, 0, 0, 360, cv::Scalar(strength), cv::FILLED);
    difference += blob;
    const double expectedPx = cv::countNonZero(blob);  // the drawn ellipse, about pi 60.5 40.5
    const cv::Mat mask = segment(difference, learntNoise(6, difference.size()));
    const SpreadMeasure m = measureSpread(mask, difference, 0.6, CranioCaudalAxis::ImageY);
    INFO("strength " << strength << ": " << m.pixels << " px, expected " << expectedPx);
    CHECK(m.pixels == Approx(expectedPx).epsilon(0.02));
    CHECK(m.areaMm2 == Approx(m.pixels * 0.36));
    CHECK(m.cranioCaudalMm == Approx(81 * 0.6).margin(3 * 0.6));
    CHECK(m.integratedDifference == Approx(strength * m.areaMm2).epsilon(0.05));
  }
}

TEST_CASE("a thin line of contrast keeps its width", "[guidance][spread]") {
  // A lateral view's dorsal epidural line: 8 px wide, 15 noise sigmas strong.
  cv::Mat band = cv::Mat::zeros(512, 512, CV_32FC1);
  band(cv::Rect(200, 100, 8, 300)).setTo(90);
  const cv::Mat difference = band + test::withNoise(cv::Mat::zeros(512, 512, CV_32FC1), 6, 5);
  const cv::Mat mask = segment(difference, learntNoise(6, difference.size()));
  const double width = cv::countNonZero(mask(cv::Rect(150, 150, 100, 200))) / 200.0;
  CHECK(width == Approx(8).margin(1.0));
}

TEST_CASE("a moving needle is not contrast", "[guidance][spread]") {
  // A 22G needle (0.7 mm) is about 1.2 analysis px wide: strong, but a line with no core.
  cv::Mat difference = test::withNoise(cv::Mat(512, 512, CV_32FC1, cv::Scalar(0)), 6, 6);
  cv::line(difference, {100, 100}, {300, 380}, cv::Scalar(200), 1);
  const cv::Mat mask = segment(difference, learntNoise(6, difference.size()));
  CHECK(cv::countNonZero(mask) == 0);
}

TEST_CASE("a thin vessel away from the known needle is contrast; the needle's own line is not", "[guidance][spread]") {
  // A small vessel filling, 0.4 mm wide (1 px), beaded, and the needle that moved, as thin and
  // about as strong, along its known axis: the same lines to the core test.
  cv::Mat difference = test::withNoise(cv::Mat(512, 512, CV_32FC1, cv::Scalar(0)), 6, 7);
  const cv::Point2d hub{100, 100}, tip{200, 240};
  cv::line(difference, cv::Point(hub), cv::Point(tip), cv::Scalar(200), 1);
  for (int y = 120; y < 420; ++y) {
    const double bead = 1.0 + 0.8 * (y % 40 < 8);
    difference(cv::Rect(380, y, 1, 1)) += cv::Scalar(150 * bead);
  }
  const NoiseMaps noise = learntNoise(6, difference.size());
  const cv::Mat smoothed = smoothForDetection(difference, kScale, {});
  const cv::Mat band = needleBand(difference.size(), hub, tip, kScale);
  const cv::Mat mask = segmentContrast(difference, smoothed, noise, cv::Mat(), kScale, {}, band);
  const cv::Rect vessel(370, 120, 25, 300), needle(90, 90, 120, 160);
  CHECK(cv::countNonZero(mask(vessel)) > 0.8 * 300);
  CHECK(cv::countNonZero(mask(needle)) == 0);
  // With no needle known every thin line is taken for one.
  CHECK(cv::countNonZero(segmentContrast(difference, smoothed, noise, cv::Mat(), kScale, {})) == 0);
}

TEST_CASE("noise alone is not contrast, even where the image is dark and noisier", "[guidance][spread]") {
  // Left half bright (sigma 5), right half dark (sigma 20), as behind bone.
  cv::Mat reference(256, 256, CV_32FC1, cv::Scalar(3000));
  reference(cv::Rect(128, 0, 128, 256)).setTo(1000);
  cv::Mat difference = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 5, 8);
  const cv::Mat darkNoise = test::withNoise(cv::Mat(256, 128, CV_32FC1, cv::Scalar(0)), 20, 9);
  darkNoise.copyTo(difference(cv::Rect(128, 0, 128, 256)));
  NoiseModel model;
  for (unsigned i = 0; i < 4; ++i) {
    cv::Mat d = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 5, 20 + i);
    test::withNoise(cv::Mat(256, 128, CV_32FC1, cv::Scalar(0)), 20, 40 + i).copyTo(d(cv::Rect(128, 0, 128, 256)));
    model.learn(d, smoothForDetection(d, kScale, {}), reference, cv::Mat());
  }
  const NoiseMaps map = model.maps(reference);
  CHECK(map.raw.at<float>(10, 10) == Approx(5).epsilon(0.15));
  CHECK(map.raw.at<float>(10, 200) == Approx(20).epsilon(0.15));
  const cv::Mat next = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 5, 10);
  cv::Mat nextDark = test::withNoise(cv::Mat(256, 128, CV_32FC1, cv::Scalar(0)), 20, 11);
  cv::Mat fresh = next.clone();
  nextDark.copyTo(fresh(cv::Rect(128, 0, 128, 256)));
  CHECK(cv::countNonZero(segment(fresh, map)) == 0);
  (void)difference;
}

TEST_CASE("anatomy that moved (a positive lobe beside a negative one) is not contrast", "[guidance][spread]") {
  // Bowel gas 8 mm across that drifted 3 mm: where it left the image darkened, where it went it
  // brightened; a pool of contrast alone darkens.
  cv::Mat difference = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 6, 12);
  cv::Mat gas = cv::Mat::zeros(difference.size(), CV_32FC1), moved = gas.clone();
  cv::circle(gas, {100, 128}, 10, cv::Scalar(80), cv::FILLED);
  cv::circle(moved, {108, 128}, 10, cv::Scalar(80), cv::FILLED);
  difference += moved - gas;
  const NoiseMaps noise = learntNoise(6, difference.size());
  CHECK(cv::countNonZero(segment(difference, noise)) == 0);
  cv::circle(difference, {190, 128}, 12, cv::Scalar(80), cv::FILLED);
  const cv::Mat found = segment(difference, noise);
  CHECK(cv::countNonZero(found(cv::Rect(160, 100, 60, 60))) > 300);
  CHECK(cv::countNonZero(found(cv::Rect(0, 0, 150, 256))) == 0);
}

TEST_CASE("after the arrival, gas that moves beside the contrast is still motion; the contrast's own edge is not",
          "[guidance][spread]") {
  // The known contrast (a pool that has begun to wash out on one side: a dipole of its own) and,
  // away from it, bowel gas that drifted 3 mm.
  cv::Mat difference = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 6, 21);
  cv::Mat pool = cv::Mat::zeros(difference.size(), CV_32FC1), gas = pool.clone(), moved = pool.clone();
  cv::circle(pool, {190, 128}, 12, cv::Scalar(80), cv::FILLED);
  cv::circle(pool, {190, 150}, 10, cv::Scalar(-80), cv::FILLED);  // washed out: brighter than the mask
  cv::circle(gas, {60, 128}, 10, cv::Scalar(80), cv::FILLED);
  cv::circle(moved, {68, 128}, 10, cv::Scalar(80), cv::FILLED);
  difference += pool + moved - gas;
  const NoiseMaps noise = learntNoise(6, difference.size());
  const cv::Mat smoothed = smoothForDetection(difference, kScale, {});
  cv::Mat known = cv::Mat::zeros(difference.size(), CV_8UC1);
  cv::circle(known, {190, 124}, 8, cv::Scalar(255), cv::FILLED);
  const cv::Mat found = segmentContrast(difference, smoothed, noise, cv::Mat(), kScale, {}, cv::Mat(), known);
  CHECK(cv::countNonZero(found(cv::Rect(170, 100, 40, 40))) > 250);  // the pool: kept
  CHECK(cv::countNonZero(found(cv::Rect(0, 0, 130, 256))) == 0);     // the gas: motion
  // Without the known contrast, the pool's own lobes read as motion too.
  CHECK(cv::countNonZero(segmentContrast(difference, smoothed, noise, cv::Mat(), kScale, {})(cv::Rect(170, 100, 40, 40))) == 0);
}

TEST_CASE("Dice overlap", "[guidance][spread]") {
  cv::Mat a = cv::Mat::zeros(100, 100, CV_8UC1), b = a.clone();
  CHECK(dice(a, b) == 1.0);
  a(cv::Rect(0, 0, 50, 100)).setTo(255);
  b(cv::Rect(25, 0, 50, 100)).setTo(255);
  CHECK(dice(a, b) == Approx(0.5));
}

TEST_CASE("shape features tell a vessel from a pool", "[guidance][pattern]") {
  cv::Mat vessel = cv::Mat::zeros(512, 512, CV_8UC1), pool = vessel.clone();
  cv::line(vessel, {100, 100}, {300, 400}, cv::Scalar(255), 6);
  cv::ellipse(pool, {256, 256}, {40, 60}, 0, 0, 360, cv::Scalar(255), cv::FILLED);
  const ShapeFeatures v = shapeFeatures(vessel, 0.6, 256), p = shapeFeatures(pool, 0.6, 256);
  CHECK(v.elongation > 10);
  CHECK(v.widthMm < 5);
  CHECK(p.elongation == Approx(1.5).epsilon(0.05));
  CHECK(p.widthMm > 20);
  CHECK(p.balance == Approx(1.0).margin(0.05));  // centred on the midline
  CHECK(std::abs(p.midlineOffsetMm) < 1);
}

TEST_CASE("a thin line filling at the speed of blood is intravascular, one growing slowly is not", "[guidance][pattern]") {
  auto vessel = [](double lengthMm) {
    ShapeFeatures f;
    f.areaMm2 = 3.5 * lengthMm;
    f.lengthMm = lengthMm;
    f.widthMm = 3.5;
    f.elongation = lengthMm / 3.5;
    f.midlineOffsetMm = 40;
    return f;
  };
  PatternClassifier fast, slow;
  bool alerted = false;
  double t = 18.0;
  for (int i = 0; i < 4; ++i, t += 1 / 15.0) {  // 15 frames/s, +15 mm a frame: 225 mm/s
    const PatternResult r = fast.update(vessel(20 + 15 * i), true, t);
    alerted = alerted || r.intravascularAlert;
  }
  CHECK(alerted);
  CHECK(fast.alertRaised());
  // The same thin line growing 1.5 mm a frame (a lateral view's epidural line): no alarm.
  t = 18.0;
  for (int i = 0; i < 30; ++i, t += 1 / 15.0) {
    const PatternResult r = slow.update(vessel(20 + 1.5 * i), true, t);
    CHECK_FALSE(r.intravascularAlert);
  }
  CHECK(slow.update(vessel(65), true, t).pattern == Pattern::Epidural);
  // At 30 frames/s an outline's jitter of 1.6 mm between two frames is 48 mm/s: not a vessel
  // filling, which grows as fast over a tenth of a second.
  PatternClassifier jitter;
  t = 18.0;
  for (int i = 0; i < 60; ++i, t += 1 / 30.0) {
    const PatternResult r = jitter.update(vessel(40 + (i % 2 == 0 ? 0 : 1.6)), true, t);
    CHECK_FALSE(r.intravascularAlert);
  }
  // And a vessel at 30 frames/s (+3 mm a frame: 90 mm/s) is still flagged within 0.2 s.
  PatternClassifier fast30;
  alerted = false;
  t = 18.0;
  for (int i = 0; i < 6 && !alerted; ++i, t += 1 / 30.0) {
    alerted = fast30.update(vessel(20 + 3 * i), true, t).intravascularAlert;
  }
  CHECK(alerted);
}

TEST_CASE("a vessel filling is flagged on its second frame at 3.75 pulses per second", "[guidance][pattern]") {
  // 0.27 s between pulses: the alert must come within 0.5 s of the first arrival, so on the
  // second frame that shows the vessel.
  PatternClassifier c;
  ShapeFeatures f;
  f.widthMm = 2;
  f.midlineOffsetMm = 40;
  const double dt = 1 / 3.75;
  f.lengthMm = 12;
  f.areaMm2 = 24;
  f.elongation = 6;
  CHECK_FALSE(c.update(f, true, 15.0).intravascularAlert);
  f.lengthMm = 40;
  f.areaMm2 = 80;
  f.elongation = 20;
  const PatternResult second = c.update(f, true, 15.0 + dt);
  CHECK(second.intravascularAlert);
  CHECK(second.pattern == Pattern::Intravascular);
}

TEST_CASE("a pattern is indeterminate until frames support it, and its confidence is their share", "[guidance][pattern]") {
  PatternClassifier c;
  ShapeFeatures pool;
  pool.areaMm2 = 200;
  pool.lengthMm = 25;
  pool.widthMm = 8;
  pool.elongation = 2;
  pool.midlineOffsetMm = 15;
  // Nothing before contrast, however long the wait.
  for (int i = 0; i < 100; ++i) CHECK(c.update({}, false, i * 0.1).pattern == Pattern::Indeterminate);
  CHECK(c.update(pool, true, 10.0).pattern == Pattern::Indeterminate);
  CHECK(c.update(pool, true, 10.1).pattern == Pattern::Indeterminate);
  const PatternResult third = c.update(pool, true, 10.2);
  CHECK(third.pattern == Pattern::Epidural);
  CHECK(third.confidence == Approx(3.0 / 5.0));
  // The same evidence an hour apart is the same confidence: it does not grow with time.
  PatternClassifier slow;
  for (int i = 0; i < 3; ++i) slow.update(pool, true, 10.0 + 1200.0 * i);
  CHECK(slow.update(pool, true, 4000).confidence == Approx(c.update(pool, true, 10.3).confidence));
}

TEST_CASE("symmetric midline contrast is intrathecal, never above 0.85", "[guidance][pattern]") {
  PatternClassifier c;
  ShapeFeatures sac;
  sac.areaMm2 = 600;
  sac.lengthMm = 60;
  sac.widthMm = 12;
  sac.elongation = 3;
  sac.midlineOffsetMm = 0.5;
  sac.balance = 0.95;
  PatternResult r;
  for (int i = 0; i < 200; ++i) r = c.update(sac, true, 18 + i / 7.5);
  CHECK(r.pattern == Pattern::Intrathecal);
  CHECK(r.confidence <= 0.85);
}

TEST_CASE("contrast that washes out within seconds is intravascular", "[guidance][pattern]") {
  PatternClassifier c;
  ShapeFeatures pool;
  pool.areaMm2 = 300;
  pool.lengthMm = 30;
  pool.widthMm = 10;
  pool.elongation = 2;
  pool.midlineOffsetMm = 20;
  double t = 18;
  for (int i = 0; i < 10; ++i, t += 0.1) c.update(pool, true, t);
  pool.areaMm2 = 60;  // a fifth of its peak a second later
  CHECK(c.update(pool, true, t + 1.0).pattern == Pattern::Intravascular);
}

TEST_CASE("the spine is found as the darkest band near the middle", "[guidance][pattern]") {
  cv::Mat image(256, 512, CV_32FC1, cv::Scalar(3000));
  image(cv::Rect(230, 0, 40, 256)).setTo(1500);
  CHECK(estimateMidlineX(image, cv::Mat()) == Approx(249.5).margin(3));
}

TEST_CASE("the spine is looked for inside the field, not in a video frame's black border", "[guidance][pattern]") {
  // A pillarboxed HD frame: black to x = 200, the field beyond; the spine at x 300-340.
  cv::Mat image(256, 512, CV_32FC1, cv::Scalar(3000));
  image(cv::Rect(0, 0, 200, 256)).setTo(0);
  image(cv::Rect(300, 0, 40, 256)).setTo(1500);
  cv::Mat field(image.size(), CV_8UC1, cv::Scalar(0));
  field(cv::Rect(200, 0, 312, 256)).setTo(255);
  CHECK(estimateMidlineX(image, field) == Approx(319.5).margin(3));
  CHECK(estimateMidlineX(image, cv::Mat::zeros(image.size(), CV_8UC1)) < 0);  // no field: unknown
}
