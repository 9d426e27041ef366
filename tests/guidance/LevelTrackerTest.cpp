#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/LevelTracker.hpp"
#include "guidance/MotionEstimate.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("level markers follow a known turn and shift of the spine", "[guidance][levels]") {
  // The analysis image (binned 2x2) of a 1024 px frame at 0.3 mm.
  const core::FrameFormat format = test::detectorFormat(1024);
  const cv::Mat anatomy = test::anatomy(512, 17);
  std::vector<LevelMarker> markers = {
      {"L3", {400.5, 300.0}}, {"L4", {520.0, 520.5}}, {"L5", {610.0, 760.0}}};
  LevelTracker tracker;
  tracker.label(format, test::withNoise(anatomy, 5, 1), 2, markers, LevelCounting::FromSacrum);
  REQUIRE(tracker.markers().size() == 3);
  CHECK(tracker.counting() == LevelCounting::FromSacrum);
  // Turn 1.5 degrees about the centre and shift (6, -9) binned px, in three steps.
  RigidMotion2D motion;
  for (int step = 1; step <= 3; ++step) {
    motion.dxPx = 2.0 * step;
    motion.dyPx = -3.0 * step;
    motion.angleDeg = 0.5 * step;
    tracker.track(test::withNoise(warpByMotion(anatomy, motion), 5, 10 + step));
  }
  const cv::Mat m = motionMatrix(motion, anatomy.size());
  for (size_t i = 0; i < markers.size(); ++i) {
    // Where the motion takes each labelled centre (frame px = binned px x 2 + 0.5).
    const cv::Point2d b((markers[i].centerPx.x - 0.5) / 2, (markers[i].centerPx.y - 0.5) / 2);
    const cv::Point2d moved(
        m.at<double>(0, 0) * b.x + m.at<double>(0, 1) * b.y + m.at<double>(0, 2),
        m.at<double>(1, 0) * b.x + m.at<double>(1, 1) * b.y + m.at<double>(1, 2));
    const cv::Point2d expected(moved.x * 2 + 0.5, moved.y * 2 + 0.5);
    const LevelMarker& got = tracker.markers()[i];
    INFO(got.label << " at " << got.centerPx << ", expected " << expected);
    CHECK(got.label == markers[i].label);
    CHECK_FALSE(got.lost);
    CHECK(cv::norm(got.centerPx - expected) < 1.5);  // 0.45 mm
  }
}

TEST_CASE("markers too near the edge to follow are not kept", "[guidance][levels]") {
  const core::FrameFormat format = test::detectorFormat(512);
  LevelTracker tracker;
  tracker.label(format, test::anatomy(256, 3), 2, {{"T11", {5, 5}}, {"L1", {256, 256}}},
                LevelCounting::Manual);
  REQUIRE(tracker.markers().size() == 1);
  CHECK(tracker.markers()[0].label == "L1");
}

TEST_CASE(
    "naming one more vertebra adds it to the markers that agree, and replaces those that do not",
    "[guidance][levels]") {
  const core::PatientOrientation headUp{};
  const std::vector<LevelMarker> kept = {
      {"L3", {512, 226}}, {"L4", {512, 416}}, {"L5", {512, 606}}};
  std::string note;
  // S1 named below L5: added, head to foot.
  auto merged = mergeLabels(kept, {{"S1", {512, 793}}}, headUp, 5, &note);
  REQUIRE(merged.size() == 4);
  CHECK(merged.back().label == "S1");
  CHECK(merged.front().label == "L3");
  CHECK(note.empty());
  // A new naming that puts L4 where L3 was: the old markers contradict it and are replaced.
  merged = mergeLabels(kept, {{"L4", {512, 226}}, {"L5", {512, 416}}}, headUp, 5, &note);
  REQUIRE(merged.size() == 2);
  CHECK(merged[0].label == "L4");
  CHECK_THAT(note, Catch::Contains("disagree"));
}
