#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "sim/SimulatedPatient.hpp"

using namespace fg;
using namespace fg::sim;

namespace {
std::unique_ptr<SimulatedPatient> make(const std::string& json) {
  auto scenario = parseScenario(json, "test.json");
  REQUIRE(scenario.isOk());
  auto patient = SimulatedPatient::create(scenario.value());
  REQUIRE(patient.isOk());
  return std::move(patient.value());
}
const char* kEpidural =
    R"({"name": "t", "seed": 3, "durationS": 30, "needle": {"startS": 1, "endS": 10},
  "injection": {"pattern": "epidural", "startS": 12, "rateMlPerS": 1, "volumeMl": 3}})";
}  // namespace

TEST_CASE("the same scenario and seed give the same frames", "[sim][determinism]") {
  auto a = make(kEpidural), b = make(kEpidural);
  std::vector<uint8_t> fa(a->format().byteCount()), fb(fa.size());
  for (int i : {0, 40, 120}) {
    a->renderFrame(i, fa);
    b->renderFrame(i, fb);
    CHECK(fa == fb);
  }
  auto other = make(R"({"name": "t", "seed": 4, "durationS": 30})");
  std::vector<uint8_t> fo(fa.size());
  other->renderFrame(0, fo);
  a->renderFrame(0, fa);
  CHECK(fa != fo);
}

TEST_CASE("the needle tip in the truth is where the image is darkest along the needle",
          "[sim][truth]") {
  auto patient = make(kEpidural);
  const int index = static_cast<int>(11 * 7.5);  // after the advance
  const FrameTruth t = patient->truth(index);
  REQUIRE(t.needleVisible);
  CHECK(t.tipXPx > 0);
  CHECK(t.tipXPx < 1023);
  // The tip is at the target: the isocentre projects to the image centre.
  CHECK(t.tipXPx == Approx(511.5).margin(25));
  CHECK(t.tipYPx == Approx(511.5).margin(25));
  CHECK(std::hypot(t.axisXPx, t.axisYPx) == Approx(1.0));
  // The steel at the tip is darker than the tissue around it.
  std::vector<uint8_t> frame(patient->format().byteCount());
  patient->renderFrame(index, frame);
  const auto* px = reinterpret_cast<const uint16_t*>(frame.data());
  auto at = [&](int x, int y) { return static_cast<int>(px[y * 1024 + x]); };
  const int tx = static_cast<int>(std::lround(t.tipXPx)),
            ty = static_cast<int>(std::lround(t.tipYPx));
  int darkest = 4096;
  for (int dy = -2; dy <= 2; ++dy) {
    for (int dx = -2; dx <= 2; ++dx) darkest = std::min(darkest, at(tx + dx, ty + dy));
  }
  CHECK(darkest < at(tx + 25, ty) - 100);
  REQUIRE(t.vertebrae.size() == 8);
  CHECK(t.vertebrae[5].label == "L4");
  CHECK(t.vertebrae[5].yPx < t.vertebrae[6].yPx);  // L4 above L5 in the image
}

TEST_CASE("contrast masks appear with the injection", "[sim][truth]") {
  auto patient = make(kEpidural);
  std::vector<uint8_t> mask;
  patient->contrastMask(static_cast<int>(11 * 7.5), mask);
  CHECK(std::count(mask.begin(), mask.end(), 255) == 0);
  patient->contrastMask(static_cast<int>(16 * 7.5), mask);
  CHECK(std::count(mask.begin(), mask.end(), 255) > 2000);
  CHECK(patient->truth(static_cast<int>(16 * 7.5)).contrastMl == Approx(3));
}

TEST_CASE("patient motion moves the vertebrae in the truth", "[sim][truth]") {
  auto patient = make(
      R"({"name": "t", "durationS": 10, "motion": {"startS": 2, "endS": 4, "translationMm": [10, 0, 0]}})");
  const auto before = patient->truth(0), after = patient->truth(60);
  const double shiftPx = after.vertebrae[5].xPx - before.vertebrae[5].xPx;
  CHECK(shiftPx > 10 / 0.3);  // 10 mm at the detector is 33 px; magnified it is more
  CHECK(after.motion.translation.x == Approx(10));
}

TEST_CASE("the video feed is an 8-bit 1280x1024 picture without spacing", "[sim][video]") {
  auto patient = make(R"({"name": "t", "durationS": 5, "output": "video"})");
  const auto f = patient->format();
  CHECK(f.width == 1280);
  CHECK(f.pixelFormat == core::PixelFormat::Gray8);
  CHECK_FALSE(f.hasSpacing());
  std::vector<uint8_t> frame(f.byteCount());
  patient->renderFrame(3, frame);
  CHECK(frame[500 * 1280 + 10] == 0);  // the black border beside the image
  CHECK(patient->truth(0).vertebrae[5].xPx == Approx(511.5 + 128).margin(2));
}

TEST_CASE("a plan set in 3D projects where the needle goes", "[sim][plan]") {
  auto patient = make(kEpidural);
  const std::vector<PlanPoint> points = patient->planPoints();
  REQUIRE(points.size() >= 3);
  CHECK(points[0].name == "needle target of this case");
  CHECK(std::any_of(points.begin(), points.end(),
                    [](const PlanPoint& p) { return p.name == "L4-5 posterior epidural space"; }));
  // Once the needle has reached its target, the target projects onto the tip in the image.
  const int end = static_cast<int>(11 * patient->scenario().pulsesPerSecond);
  const FrameTruth truth = patient->truth(end);
  const ImagePoint target = patient->project(points[0].mm, end);
  REQUIRE(target.inFront);
  CHECK(std::hypot(target.xPx - truth.tipXPx, target.yPx - truth.tipYPx) < 0.5);
}
