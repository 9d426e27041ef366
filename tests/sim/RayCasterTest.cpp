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
