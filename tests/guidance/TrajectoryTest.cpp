#include <catch2/catch.hpp>

#include "guidance/Trajectory.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
core::FrameFormat detectorFormat() {
  core::FrameFormat f;
  f.width = f.height = 1024;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  f.magnification = 1.5;
  return f;
}

NeedleObservation needleAt(cv::Point2d tip, cv::Point2d axis) {
  NeedleObservation n;
  n.found = true;
  n.tipPx = tip;
  n.axis = axis * (1.0 / cv::norm(axis));
  n.hubPx = tip - n.axis * 100;
  return n;
}
}  // namespace

TEST_CASE("distance and miss to the target in mm at the isocentre", "[guidance][trajectory]") {
  // Needle pointing straight up, tip 100 px below the target and 10 px beside its line.
  TrajectoryPlan plan{cv::Point2d(510, 400), std::nullopt};
  const auto r = readTrajectory(plan, needleAt({500, 500}, {0, -1}), detectorFormat());
  REQUIRE(r.isOk());
  const double mmPerPx = 0.3 / 1.5;
  CHECK(r.value().atIsocentre);
  CHECK(r.value().aheadMm == Approx(100 * mmPerPx));
  CHECK(r.value().missMm == Approx(10 * mmPerPx));
  CHECK(r.value().tipToTargetMm == Approx(std::hypot(100, 10) * mmPerPx));
  CHECK(r.value().axisAtTargetPx.x == Approx(500));
  CHECK(r.value().axisAtTargetPx.y == Approx(400));
  CHECK_FALSE(r.value().angleToPlanDeg);
}

TEST_CASE("the angle between the needle and the planned path", "[guidance][trajectory]") {
  TrajectoryPlan plan{cv::Point2d(500, 300), cv::Point2d(500, 700)};
  const double turned = 5.0 * CV_PI / 180;
  const auto r = readTrajectory(plan, needleAt({500, 500}, {std::sin(turned), -std::cos(turned)}), detectorFormat());
  REQUIRE(r.isOk());
  REQUIRE(r.value().angleToPlanDeg);
  CHECK(*r.value().angleToPlanDeg == Approx(5.0).margin(1e-6));
}

TEST_CASE("a video without spacing needs a calibration, and then uses it", "[guidance][trajectory][errors]") {
  core::FrameFormat video = detectorFormat();
  video.mmPerPixelX = video.mmPerPixelY = 0;
  video.magnification = 0;
  TrajectoryPlan plan{cv::Point2d(500, 400), std::nullopt};
  const auto needle = needleAt({500, 500}, {0, -1});
  const auto missing = readTrajectory(plan, needle, video);
  REQUIRE_FALSE(missing.isOk());
  CHECK_THAT(missing.status().message(), Catch::Contains("no pixel spacing") && Catch::Contains("calibrate"));
  const auto spacing = calibrateMmPerPx({100, 100}, {100, 300}, 50.0);  // 50 mm over 200 px
  REQUIRE(spacing.isOk());
  CHECK(spacing.value() == Approx(0.25));
  const auto r = readTrajectory(plan, needle, video, spacing.value());
  REQUIRE(r.isOk());
  CHECK(r.value().aheadMm == Approx(25.0));
}

TEST_CASE("impossible input is refused with a message naming it", "[guidance][trajectory][errors]") {
  const auto needle = needleAt({500, 500}, {0, -1});
  CHECK_THAT(readTrajectory({}, needle, detectorFormat()).status().message(), Catch::Contains("no target"));
  CHECK_THAT(readTrajectory({cv::Point2d(2000, 10), std::nullopt}, needle, detectorFormat()).status().message(),
             Catch::Contains("outside the image"));
  CHECK_THAT(readTrajectory({cv::Point2d(10, 10), std::nullopt}, NeedleObservation{}, detectorFormat()).status().message(),
             Catch::Contains("no needle"));
  CHECK_FALSE(calibrateMmPerPx({10, 10}, {12, 10}, 5).isOk());
  CHECK_FALSE(calibrateMmPerPx({10, 10}, {100, 10}, 0).isOk());
}
