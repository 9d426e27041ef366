#include <catch2/catch.hpp>

#include "guidance/Measurement.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("distances in mm from the frame's spacing, said where they hold; angles in degrees",
          "[guidance][measurement]") {
  core::FrameFormat f;
  f.width = f.height = 1024;
  const Measurement ruler{MeasurementKind::Distance, {{100, 100}, {400, 500}}};  // 500 px
  // No spacing: px, never mm.
  CHECK(measurementText(ruler, f, 0) == "500 px (no pixel spacing: calibrate with C)");
  CHECK_FALSE(imageScale(f, 0));
  f.mmPerPixelX = f.mmPerPixelY = 0.2;
  CHECK(measurementText(ruler, f, 0) == "100.0 mm at the detector");
  f.magnification = 1.25;  // the spine is magnified 1.25x on the detector
  CHECK(measurementText(ruler, f, 0) == "80.0 mm at the spine");
  CHECK(measurementText(ruler, f, 0.1) == "50.0 mm at the spine");  // a calibration wins
  const Measurement angle{MeasurementKind::Angle, {{200, 100}, {100, 100}, {100, 300}}};
  CHECK(measurementText(angle, f, 0) == "90.0 deg");
  CHECK(angleDeg({2, 0}, {0, 0}, {1, 1}) == Approx(45.0));
}
