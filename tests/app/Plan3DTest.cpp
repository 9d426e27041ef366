#include <catch2/catch.hpp>
#include <cmath>

#include "app/Plan3D.hpp"
#include "app/SimulatedRun.hpp"

using namespace fg;
using namespace fg::app;

TEST_CASE("a plan set in 3D on a simulated case projects onto the image where the needle ends",
          "[app][plan]") {
  CHECK_FALSE(Plan3D::forSource("test-pattern"));
  CHECK_FALSE(Plan3D::forSource("/dev/video0"));
  const auto plan3D = Plan3D::forSource("sim:l4-5-interlaminar-epidural");
  REQUIRE(plan3D);
  REQUIRE(plan3D->points().size() >= 2);
  CHECK(plan3D->points()[0].name == "needle target of this case");
  auto run = SimulatedRun::open("l4-5-interlaminar-epidural");
  REQUIRE(run.isOk());
  // The needle reaches its target at 16 s: frame 120 at 7.5 pulses/s shows the tip there.
  const int index = 130;
  const core::FrameRef frame = run.value()->frame(index);
  const auto target = plan3D->project(plan3D->points()[0].mm, *frame);
  REQUIRE(target.isOk());
  const sim::FrameTruth truth = run.value()->patient().truth(index);
  CHECK(std::hypot(target.value().x - truth.tipXPx, target.value().y - truth.tipYPx) < 1.0);
  // A point far outside the field of view is refused with the reason.
  const auto outside = plan3D->project(plan3D->points()[0].mm + core::Vec3{400, 0, 0}, *frame);
  REQUIRE_FALSE(outside.isOk());
  CHECK_THAT(outside.status().message(), Catch::Contains("outside the image"));
}
