#include <catch2/catch.hpp>

#include "app/Readings.hpp"

using namespace fg::app;

TEST_CASE("readings say their unit and their sense", "[app][readings]") {
  CHECK(aheadText(5.14) == "target 5.1 mm ahead of the tip");
  CHECK(aheadText(-5.14) == "tip 5.1 mm PAST the target");
  CHECK(aheadText(0.01) == "tip at the target's depth");
  fg::guidance::TrajectoryReading r;
  r.tipToTargetMm = 12.34;
  r.aheadMm = -3.0;
  r.missMm = 0.5;
  r.atIsocentre = true;
  CHECK(trajectoryLine(r) == "tip to target 12.3 mm | tip 3.0 mm PAST the target | miss 0.5 mm (at the spine)");
  r.atIsocentre = false;
  r.angleToPlanDeg = 4.25;
  CHECK(trajectoryLine(r) ==
        "tip to target 12.3 mm | tip 3.0 mm PAST the target | miss 0.5 mm (at the detector) | 4.2 deg off plan");
}
