#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <vector>

#include "sim/CtPatient.hpp"
#include "sim/CtVolume.hpp"
#include "sim/Hounsfield.hpp"
#include "sim/RayCaster.hpp"
#include "sim/SimulatedPatient.hpp"

using namespace fg;
using namespace fg::sim;

namespace {
const CtVolume& ct() {
  auto v = bundledCt();
  REQUIRE(v.isOk());
  return *v.value();
}
int labelAt(const CtVolume& v, const core::Vec3& lps) {
  const core::Vec3 q = v.voxelOf(lps);
  const int i = static_cast<int>(std::lround(q.x)), j = static_cast<int>(std::lround(q.y)),
            k = static_cast<int>(std::lround(q.z));
  if (i < 0 || j < 0 || k < 0 || i >= v.nx || j >= v.ny || k >= v.nz) return -1;
  return v.labels[v.index(i, j, k)];
}
float huAt(const CtVolume& v, const core::Vec3& lps) {
  const core::Vec3 q = v.voxelOf(lps);
  return v.hu[v.index(static_cast<int>(std::lround(q.x)), static_cast<int>(std::lround(q.y)),
                      static_cast<int>(std::lround(q.z)))];
}
}  // namespace

TEST_CASE("the bundled CT reads with its grid in LPS millimetres", "[sim][ct]") {
  const CtVolume& v = ct();
  CHECK(v.nx == 122);
  CHECK(v.ny == 101);
  CHECK(v.nz == 112);
  CHECK(v.voxelSizeMm() == Approx(3.0));
  // sform RAS origin (-177.96, 11.32, 94.30): LPS flips x and y.
  CHECK(v.originLps.x == Approx(177.956).margin(0.01));
  CHECK(v.originLps.y == Approx(-11.319).margin(0.01));
  CHECK(v.originLps.z == Approx(94.302).margin(0.01));
  const core::Vec3 back = v.voxelOf(v.lpsOf(10, 20, 30));
  CHECK(back.x == Approx(10));
  CHECK(back.y == Approx(20));
  CHECK(back.z == Approx(30));
}

TEST_CASE("a missing or wrong CT file is refused with its name", "[sim][ct]") {
  auto missing = loadCtVolume("/nonexistent/ct.nii.gz", "/nonexistent/labels.nii.gz");
  REQUIRE_FALSE(missing.isOk());
  CHECK(missing.status().message().find("/nonexistent/ct.nii.gz") != std::string::npos);
  auto notNifti = loadCtVolume(FG_SCENARIO_DIR "/l4-5-interlaminar-epidural.json", FG_SCENARIO_DIR "/l4-5-subdural.json");
  REQUIRE_FALSE(notNifti.isOk());
  CHECK(notNifti.status().message().find("not a NIfTI") != std::string::npos);
}

TEST_CASE("Hounsfield units to attenuation: monotone, air 0, water as water, at every voltage",
          "[sim][ct][hounsfield]") {
  for (double kv : {60.0, 80.0, 100.0, 120.0}) {
    double last = -1;
    for (int hu = -1100; hu <= 3500; hu += 10) {
      const double mu = attenuationPerMmFromHu(hu, kv);
      CHECK(mu >= last);
      last = mu;
    }
    CHECK(attenuationPerMmFromHu(-1000, kv) == 0.0);
    CHECK(attenuationPerMmFromHu(0, kv) == Approx(attenuationPerMm(Material::SoftTissue, kv)));
    CHECK(attenuationPerMmFromHu(kHuCorticalBone, kv) == Approx(attenuationPerMm(Material::CorticalBone, kv)));
    CHECK(attenuationPerMmFromHu(-100, kv) == Approx(attenuationPerMm(Material::Fat, kv)));
  }
  // Bone stands out more at low voltage than at high (the photoelectric effect).
  const double low = attenuationPerMmFromHu(1000, 60) / attenuationPerMmFromHu(0, 60);
  const double high = attenuationPerMmFromHu(1000, 120) / attenuationPerMmFromHu(0, 120);
  CHECK(low > high);
}

TEST_CASE("vertebrae, canal and needle targets come from the label map", "[sim][ct][landmarks]") {
  const CtVolume& v = ct();
  auto patient = CtPatient::create(bundledCt().value(), 80);
  REQUIRE(patient.isOk());
  const CtPatient& p = *patient.value();
  std::vector<std::string> labels;
  for (const auto& vt : p.vertebrae()) labels.push_back(vt.label);
  // T11 is only partly in the volume: no truth for it.
  CHECK(labels == std::vector<std::string>{"T12", "L1", "L2", "L3", "L4", "L5", "S1"});
  for (size_t i = 0; i + 1 < p.vertebrae().size(); ++i) {
    CHECK(p.vertebrae()[i].centerMm.z > p.vertebrae()[i + 1].centerMm.z + 20);  // head to feet
  }
  for (const auto& vt : p.vertebrae()) {
    INFO(vt.label);
    CHECK(ctVertebraName(labelAt(v, vt.centerMm)) == vt.label);  // the centre lies in its body
  }
  REQUIRE(p.interspace("L4-5"));
  REQUIRE(p.interspace("L5-S1"));
  REQUIRE(p.interspace("T12-1"));
  for (const auto& level : p.interspaces()) {
    INFO(level.label);
    // The posterior epidural target is in the canal (no bone there), behind the bodies, between
    // the foramina.
    CHECK(labelAt(v, level.posteriorEpiduralMm) == 0);
    CHECK(huAt(v, level.posteriorEpiduralMm) < 150);
    CHECK(level.posteriorEpiduralMm.y > level.isocentreMm.y + 15);
    CHECK(level.leftForamenMm.x > level.posteriorEpiduralMm.x + 10);
    CHECK(level.rightForamenMm.x < level.posteriorEpiduralMm.x - 10);
  }
  // Enhanced blood went back to soft tissue; bowel gas was found.
  CHECK(p.suppressedBloodVoxels() > 1000);
  CHECK(p.gasVoxels() > 1000);
}

TEST_CASE("a point of the CT lands on its projected pixel in every standard view", "[sim][ct][projection]") {
  const CtVolume& v = ct();
  auto patient = CtPatient::create(bundledCt().value(), 80);
  REQUIRE(patient.isOk());
  for (const char* label : {"L4", "L1"}) {
    core::Vec3 centre;
    for (const auto& vt : patient.value()->vertebrae()) {
      if (vt.label == label) centre = vt.centerMm;
    }
    // A small dense ball at the vertebra's centre on the CT's own grid, nothing else.
    AttenuationVolume ball;
    ball.nx = v.nx;
    ball.ny = v.ny;
    ball.nz = v.nz;
    ball.voxelToLps = v.voxelToLps;
    ball.originLps = v.originLps;
    ball.values.assign(v.voxelCount(), 0.0f);
    for (int k = 0; k < v.nz; ++k)
      for (int j = 0; j < v.ny; ++j)
        for (int i = 0; i < v.nx; ++i) {
          const double d = (v.lpsOf(i, j, k) - centre).norm();
          if (d < 8) ball.values[v.index(i, j, k)] = static_cast<float>(std::exp(-d * d / 18));
        }
    for (auto view : {core::StandardView::AP, core::StandardView::Lateral, core::StandardView::ObliqueLeft,
                      core::StandardView::ObliqueRight, core::StandardView::ContralateralOblique}) {
      for (double tilt : {0.0, 15.0}) {
        core::CarmPose pose = core::standardPose(view);
        pose.secondaryDeg = tilt;
        const core::CarmGeometry g(pose);
        // The C-arm centred 30 mm off the point, and the patient moved a little.
        const core::RigidTransform motion{core::Mat3::rotation({0, 1, 0}, 0.05),
                                          (centre + core::Vec3{10, -5, 30}) * -1.0};
        const int step = nodeStepPx(g, v.voxelSizeMm());
        const CoarseProjection c = castRays(ball, g, motion, step, 2);
        double sx = 0, sy = 0, sw = 0;
        for (int y = 0; y < c.height; ++y)
          for (int x = 0; x < c.width; ++x) {
            const double w = c.muL[static_cast<size_t>(y) * c.width + x];
            sx += w * (x * step + (step - 1) / 2.0);
            sy += w * (y * step + (step - 1) / 2.0);
            sw += w;
          }
        REQUIRE(sw > 0);
        const auto expected = g.project(motion.apply(centre));
        INFO(label << " view " << static_cast<int>(view) << " tilt " << tilt);
        // Within a third of the ball's projected size (the ball is 3 voxels, nodes 4 px apart).
        CHECK(sx / sw == Approx(expected.xPx).margin(3.0));
        CHECK(sy / sw == Approx(expected.yPx).margin(3.0));
      }
    }
  }
}

TEST_CASE("a view that would show where the CT ends is refused, naming the level", "[sim][ct][coverage]") {
  for (const char* level : {"T12-1", "L1-2"}) {
    auto s = parseScenario(std::string(R"({"name": "c", "anatomy": "ct", "chain": {"detector": "image-intensifier"}, "target": {"interspace": ")") +
                               level + R"("}})",
                           "c.json");
    REQUIRE(s.isOk());
    auto p = SimulatedPatient::create(s.value());
    INFO(level);
    REQUIRE_FALSE(p.isOk());
    CHECK_THAT(p.status().message(), Catch::Contains("target.interspace") && Catch::Contains("where the scan ends"));
  }
  for (const char* view : {"ap", "lateral", "clo"}) {
    auto s = parseScenario(std::string(R"({"name": "c", "anatomy": "ct", "view": ")") + view +
                               R"(", "chain": {"detector": "image-intensifier"}, "target": {"interspace": "L4-5"}})",
                           "c.json");
    REQUIRE(s.isOk());
    INFO(view);
    CHECK(SimulatedPatient::create(s.value()).isOk());
  }
}
