#include <catch2/catch.hpp>
#include <algorithm>
#include <vector>

#include "sim/Projector.hpp"

using namespace fg;
using namespace fg::sim;

namespace {
core::CarmPose smallPose(core::StandardView view) {
  core::CarmPose base;
  base.detectorColumns = base.detectorRows = 256;
  base.detectorPixelMm = 1.2;
  return core::standardPose(view, base);
}
}  // namespace

TEST_CASE("a small steel ball lands on its projected pixel in every standard view", "[sim][projector]") {
  const core::Vec3 ball{12, -20, 35};
  for (auto view : {core::StandardView::AP, core::StandardView::Lateral, core::StandardView::ObliqueLeft,
                    core::StandardView::ObliqueRight, core::StandardView::ContralateralOblique}) {
    const core::CarmGeometry geometry(smallPose(view));
    Projector projector(geometry, 80);
    std::vector<float> muL(256 * 256, 0.0f);
    const Ellipsoid e = ellipsoid(ball, {2, 2, 2}, Material::Steel);
    projector.accumulate({&e, 1}, {}, muL, projector.fullImage());
    const auto peak = std::max_element(muL.begin(), muL.end()) - muL.begin();
    const auto expected = geometry.project(ball);
    INFO("view " << static_cast<int>(view));
    CHECK(static_cast<double>(peak % 256) == Approx(expected.xPx).margin(1.0));
    CHECK(static_cast<double>(peak / 256) == Approx(expected.yPx).margin(1.0));
  }
}

TEST_CASE("the line integral through a sphere's centre is its diameter times mu", "[sim][projector]") {
  const core::CarmGeometry geometry(smallPose(core::StandardView::AP));
  Projector projector(geometry, 80);
  std::vector<float> muL(256 * 256, 0.0f);
  const Ellipsoid e = ellipsoid({0, 0, 0}, {10, 10, 10}, Material::Bone);
  projector.accumulate({&e, 1}, {}, muL, projector.fullImage());
  // The central ray (between the four middle pixels) passes within a fraction of a mm of the centre.
  const float centre = muL[128 * 256 + 128];
  CHECK(centre == Approx(20 * attenuationPerMm(Material::Bone, 80)).epsilon(0.01));
  CHECK(muL[0] == 0.0f);
}

TEST_CASE("motion moves the projection", "[sim][projector]") {
  const core::CarmGeometry geometry(smallPose(core::StandardView::AP));
  Projector projector(geometry, 80);
  std::vector<float> still(256 * 256, 0.0f), moved(256 * 256, 0.0f);
  const Ellipsoid e = ellipsoid({0, 0, 0}, {3, 3, 3}, Material::Steel);
  projector.accumulate({&e, 1}, {}, still, projector.fullImage());
  const core::RigidTransform shift{core::Mat3::identity(), {20, 0, 0}};  // to the patient's left
  projector.accumulate({&e, 1}, shift, moved, projector.fullImage());
  const auto a = std::max_element(still.begin(), still.end()) - still.begin();
  const auto b = std::max_element(moved.begin(), moved.end()) - moved.begin();
  CHECK((b % 256) - (a % 256) == Approx(20 * geometry.magnification() / 1.2).margin(1.0));
}
