#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/ContrastPattern.hpp"
#include "guidance/ContrastSpread.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("a strong blob is found whole and measured in mm", "[guidance][spread]") {
  cv::Mat difference = test::withNoise(cv::Mat(512, 512, CV_32FC1, cv::Scalar(0)), 6, 4);
  cv::ellipse(difference, {256, 256}, {60, 40}, 0, 0, 360, cv::Scalar(120), cv::FILLED);  // 20 sigma
  const cv::Mat noise(difference.size(), CV_32FC1, cv::Scalar(6));
  const cv::Mat mask = segmentContrast(difference, noise, {});
  const SpreadMeasure m = measureSpread(mask, difference, 0.6, CranioCaudalAxis::ImageY);
  // The boundary sits where the smoothed blob crosses the detection threshold: a little outside
  // a hard edge (the 2 % target of issue 4 needs a boundary rule still to be chosen).
  const double expectedPx = CV_PI * 60 * 40;
  CHECK(m.pixels >= expectedPx);
  CHECK(m.pixels <= expectedPx * 1.2);
  CHECK(m.areaMm2 == Approx(m.pixels * 0.36));
  CHECK(m.cranioCaudalMm >= 81 * 0.6);
}

TEST_CASE("noise alone is not contrast, even where the image is dark and noisier", "[guidance][spread]") {
  // Left half bright (sigma 5), right half dark (sigma 20), as behind bone.
  cv::Mat reference(256, 256, CV_32FC1, cv::Scalar(3000));
  reference(cv::Rect(128, 0, 128, 256)).setTo(1000);
  cv::Mat difference = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 5, 8);
  const cv::Mat darkNoise = test::withNoise(cv::Mat(256, 128, CV_32FC1, cv::Scalar(0)), 20, 9);
  darkNoise.copyTo(difference(cv::Rect(128, 0, 128, 256)));
  const cv::Mat map = noiseMap(difference, reference);
  CHECK(map.at<float>(10, 10) == Approx(5).epsilon(0.15));
  CHECK(map.at<float>(10, 200) == Approx(20).epsilon(0.15));
  const cv::Mat next = test::withNoise(cv::Mat(256, 256, CV_32FC1, cv::Scalar(0)), 5, 10);
  cv::Mat nextDark = test::withNoise(cv::Mat(256, 128, CV_32FC1, cv::Scalar(0)), 20, 11);
  cv::Mat fresh = next.clone();
  nextDark.copyTo(fresh(cv::Rect(128, 0, 128, 256)));
  CHECK(cv::countNonZero(segmentContrast(fresh, map, {})) == 0);
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

TEST_CASE("the spine is found as the darkest band near the middle", "[guidance][pattern]") {
  cv::Mat image(256, 512, CV_32FC1, cv::Scalar(3000));
  image(cv::Rect(230, 0, 40, 256)).setTo(1500);
  CHECK(estimateMidlineX(image) == Approx(249.5).margin(3));
}
