#include <catch2/catch.hpp>
#include <cmath>

#include "sim/RayCaster.hpp"

using namespace fg;
using namespace fg::sim;

namespace {
// A 40 mm cube of water-like attenuation on a 2 mm grid, centred on the origin.
AttenuationVolume cube() {
  AttenuationVolume v;
  v.nx = v.ny = v.nz = 40;
  v.voxelToLps = core::Mat3::fromColumns({2, 0, 0}, {0, 2, 0}, {0, 0, 2});
  v.originLps = {-39, -39, -39};
  v.values.assign(40 * 40 * 40, 0.0f);
  for (int k = 10; k < 30; ++k)
    for (int j = 10; j < 30; ++j)
      for (int i = 10; i < 30; ++i) v.values[(static_cast<size_t>(k) * 40 + j) * 40 + i] = 0.02f;
  return v;
}
}  // namespace

TEST_CASE("ray casting: the workers split the rows and give the same image as one thread",
          "[sim][raycast][threads]") {
  const AttenuationVolume v = cube();
  const core::CarmGeometry g(core::standardPose(core::StandardView::ObliqueLeft));
  const core::RigidTransform still;
  const CoarseProjection one = castRays(v, g, still, 8, 1);
  for (int threads : {2, 3, 4}) {
    const CoarseProjection many = castRays(v, g, still, 8, threads);
    CHECK(many.muL == one.muL);
  }
}

TEST_CASE("ray casting: a chord through the middle of a cube is its side times its attenuation",
          "[sim][raycast]") {
  const AttenuationVolume v = cube();
  const core::CarmGeometry g(core::standardPose(core::StandardView::AP));
  const CoarseProjection p = castRays(v, g, {}, 8, 2);
  // The central node's ray crosses 40 mm of the cube (nearly parallel to y): 0.8 mu*L.
  const float centre = p.muL[static_cast<size_t>(p.height / 2) * p.width + p.width / 2];
  CHECK(centre == Approx(0.8).epsilon(0.05));
  CHECK(p.muL[0] == 0.0f);  // a corner ray misses it
  std::vector<float> full(static_cast<size_t>(1024) * 1024);
  upsampleChannel(p, 0, 1024, 1024, full);
  CHECK(full[512 * 1024 + 512] == Approx(0.8).epsilon(0.05));
}

TEST_CASE("ray casting: rays that graze or cross every face of a full volume stay inside it", "[sim][raycast]") {
  AttenuationVolume v = cube();
  std::fill(v.values.begin(), v.values.end(), 0.01f);  // no empty border: every face is dense
  for (auto view : {core::StandardView::AP, core::StandardView::Lateral, core::StandardView::ObliqueLeft,
                    core::StandardView::ObliqueRight, core::StandardView::ContralateralOblique}) {
    for (double tilt : {-30.0, 0.0, 30.0}) {
      core::CarmPose pose = core::standardPose(view);
      pose.secondaryDeg = tilt;
      const core::CarmGeometry g(pose);
      // Shifted so that the volume's faces and corners fall inside the image.
      for (const core::Vec3& shift : {core::Vec3{0, 0, 0}, core::Vec3{39, 39, 39}, core::Vec3{-39, 20, -39}}) {
        const CoarseProjection p = castRays(v, g, {core::Mat3::identity(), shift}, 4, 2);
        int bad = 0;
        for (float m : p.muL) {
          // Finite, and never longer than the volume's diagonal (80 * sqrt(3) mm).
          bad += !std::isfinite(m) || m < 0.0f || m > 0.01f * 140;
        }
        CHECK(bad == 0);
      }
    }
  }
}
