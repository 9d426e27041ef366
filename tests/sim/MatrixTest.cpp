#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include "sim/ScenarioMatrix.hpp"
#include "sim/SimulatedPatient.hpp"

using namespace fg;
using namespace fg::sim;

namespace {
std::filesystem::path writeMatrix(const std::string& name, const std::string& json) {
  const auto path = std::filesystem::temp_directory_path() / ("fg-matrix-" + name + ".json");
  std::ofstream(path) << json;
  return path;
}
}  // namespace

TEST_CASE("the default matrix covers every chain value on both patients, and every case runs",
          "[sim][matrix]") {
  auto cases = expandMatrix(FG_SCENARIO_DIR "/matrices/default.json", FG_SCENARIO_DIR);
  REQUIRE(cases.isOk());
  std::set<std::string> seen;
  std::set<std::string> names;
  for (const MatrixCase& c : cases.value()) {
    const Scenario& s = c.scenario;
    names.insert(c.name);
    const std::string anatomy(toString(s.model));
    seen.insert(anatomy + " detector " + std::string(toString(s.chain.detector)));
    seen.insert("encoding " + std::string(toString(s.chain.encoding)));
    seen.insert(std::string("range ") + (s.chain.range == VideoRange::Limited ? "limited" : "full"));
    if (s.chain.encoding == PixelEncoding::Video && std::abs(s.chain.gamma - 2.2) > 0.01) seen.insert("gamma");
    seen.insert("pulses " + std::to_string(s.pulsesPerSecond));
    if (s.chain.electronicNoise > 0) seen.insert("electronic noise");
    if (s.chain.collimation.shape == FieldShape::Circle) seen.insert("circle");
    if (s.chain.collimation.shape == FieldShape::Rectangle) seen.insert("rectangle");
    if (s.chain.collimation.shutterLeftMm > 0) seen.insert("shutters");
    if (s.chain.collimation.wedge != Edge::None) seen.insert("wedge");
    if (s.chain.fieldDiameterMm > 0) seen.insert("intensifier field");
    if (s.chain.vignetting > 0) seen.insert("vignetting");
    if (s.chain.veilingGlare > 0) seen.insert("glare");
    if (s.chain.pincushion > 0) seen.insert("pincushion");
    if (s.chain.droppedFramesPercent > 0) seen.insert("drops");
    if (s.output == SimOutput::Video) {
      seen.insert("video " + std::to_string(s.video.width));
      seen.insert(s.video.text == TextLevel::LimitedWhite ? "text limited-white"
                  : s.video.text == TextLevel::None       ? "text none"
                                                          : "text white");
      if (s.chain.columns > s.video.height) seen.insert("scaled into video");
      if (s.video.marker) seen.insert("marker");
    }
    if (s.needleKind == NeedleKind::KWire) seen.insert("k-wire");
    else seen.insert("gauge " + std::to_string(s.needleGauge));
    if (s.needleStylet) seen.insert("stylet");
    const std::string pattern = s.injection ? std::string(toString(s.injection->pattern)) : "none";
    seen.insert(anatomy + " " + pattern);
    if (s.injection && s.injection->startS < 0.2) seen.insert(anatomy + " contrast from the start");
    if (s.dose.photonsPerPixel < 200) seen.insert("low dose");
    if (s.chain.blurSigmaPx != defaultChain(s.chain.detector).blurSigmaPx) seen.insert("blur");
  }
  CHECK(names.size() == cases.value().size());  // every case named apart
  CHECK(cases.value().size() >= 40);
  for (const char* want :
       {"ct detector flat-panel", "ct detector image-intensifier", "phantom detector flat-panel",
        "phantom detector image-intensifier", "encoding log", "encoding linear", "encoding video", "range full",
        "range limited", "gamma", "pulses 3.750000", "pulses 7.500000", "pulses 15.000000", "pulses 30.000000",
        "electronic noise", "circle", "rectangle", "shutters", "wedge", "intensifier field", "vignetting", "glare",
        "pincushion", "drops", "video 1280", "video 1920", "text white", "text limited-white", "text none", "scaled into video", "marker", "k-wire",
        "gauge 18", "gauge 20", "gauge 22", "gauge 25", "stylet", "ct epidural", "ct intravascular",
        "ct intrathecal", "ct none", "phantom epidural", "phantom intravascular", "phantom intrathecal",
        "phantom none", "ct contrast from the start", "phantom contrast from the start", "low dose", "blur"}) {
    INFO(want);
    CHECK(seen.count(want) == 1);
  }
  // Every case loads and runs its first frames, the frames stay deterministic per seed.
  for (const MatrixCase& c : cases.value()) {
    INFO(c.name);
    auto patient = SimulatedPatient::create(c.scenario);
    REQUIRE(patient.isOk());
    std::vector<uint8_t> frame(patient.value()->format().byteCount());
    for (int i : {0, 2}) patient.value()->renderFrame(i, frame);
    CHECK(std::any_of(frame.begin(), frame.end(), [](uint8_t v) { return v != 0; }));
    const FrameTruth t = patient.value()->truth(2);
    CHECK(t.index == 2);
  }
  // Reproducible: the same matrix expands to the same cases with the same seeds.
  auto again = expandMatrix(FG_SCENARIO_DIR "/matrices/default.json", FG_SCENARIO_DIR);
  REQUIRE(again.isOk());
  for (size_t i = 0; i < cases.value().size(); ++i) CHECK(again.value()[i].json == cases.value()[i].json);
}

TEST_CASE("a malformed matrix is refused with what is wrong", "[sim][matrix][errors]") {
  auto check = [](const std::string& json, const std::string& expected) {
    auto r = expandMatrix(writeMatrix("bad", json), FG_SCENARIO_DIR);
    INFO(json);
    REQUIRE_FALSE(r.isOk());
    CHECK_THAT(r.status().message(), Catch::Contains(expected));
  };
  check("{ nope", "not valid JSON");
  check(R"({"bases": [], "variants": [{"name": "a"}]})", "bases");
  check(R"({"bases": ["l4-5-interlaminar-epidural"]})", "variants");
  check(R"({"bases": ["no-such-case"], "variants": [{"name": "a"}]})", "no-such-case");
  check(R"({"bases": ["l4-5-interlaminar-epidural"], "variants": [{"set": {}}]})", "variants[0]");
  check(R"({"bases": ["l4-5-interlaminar-epidural"], "variants": [{"name": "a", "set": {"chain": {"detector": "ccd"}}}]})",
        "chain.detector");
  check(R"({"bases": ["l4-5-interlaminar-epidural"], "variants": [{"name": "a"}], "axes": 3})", "axes");
  check(R"({"bases": ["l4-5-interlaminar-epidural"], "variants": [{"name": "a"}, {"name": "a"}]})", "used twice");
  check(R"({"bases": ["l4-5-interlaminar-epidural"], "variants": [{"name": "../up"}]})", "names files");
  check(R"({"bases": ["ct-l4-5-interlaminar-epidural"], "variants": [{"name": "a", "set": {"anatomy": {"lumbarVertebrae": 6}}}]})",
        "'anatomy'");
  auto missing = expandMatrix("/nonexistent/matrix.json", FG_SCENARIO_DIR);
  REQUIRE_FALSE(missing.isOk());
  CHECK_THAT(missing.status().message(), Catch::Contains("/nonexistent/matrix.json"));
}

TEST_CASE("a real radiograph as the AP anatomy: needle and contrast with known truth", "[sim][radiograph]") {
  const std::filesystem::path file = FG_TEST_DATA_DIR "/radiograph-ap-epidural.json";
  auto scenario = loadScenario(file);
  REQUIRE(scenario.isOk());
  if (!std::filesystem::exists(scenario.value().radiograph.image)) {
    WARN("skipped: the development radiograph is not here (" << scenario.value().radiograph.image.string()
                                                             << "; ../shared/realdata is absent)");
    return;
  }
  auto patient = SimulatedPatient::create(scenario.value());
  REQUIRE(patient.isOk());
  SimulatedPatient& p = *patient.value();
  CHECK(p.anatomy().kind() == "radiograph");
  std::vector<uint8_t> frame(p.format().byteCount());
  const int index = static_cast<int>(16 * 7.5);
  p.renderFrame(index, frame);
  const FrameTruth t = p.truth(index);
  REQUIRE(t.needleVisible);
  // The tip (at the L4-5 target) is where the C-arm centres, and the steel is dark there.
  CHECK(t.tipXPx == Approx(511.5).margin(30));
  const auto* px = reinterpret_cast<const uint16_t*>(frame.data());
  const int tx = static_cast<int>(std::lround(t.tipXPx)), ty = static_cast<int>(std::lround(t.tipYPx));
  int darkest = 1 << 16, around = 0;
  for (int dy = -2; dy <= 2; ++dy)
    for (int dx = -2; dx <= 2; ++dx) darkest = std::min(darkest, static_cast<int>(px[(ty + dy) * 1024 + tx + dx]));
  for (int dx = 20; dx <= 24; ++dx) around = std::max(around, static_cast<int>(px[ty * 1024 + tx + dx]));
  CHECK(darkest < around);
  // The vertebrae measured by hand: L4 above L5, both on the image, 117 px x 0.30 mm apart.
  REQUIRE(t.vertebrae.size() == 5);
  CHECK(t.vertebrae[3].label == "L4");
  CHECK(t.vertebrae[3].yPx < t.vertebrae[4].yPx);
  const double mmApart = (t.vertebrae[4].yPx - t.vertebrae[3].yPx) * p.scenario().pose.detectorPixelMm /
                         (p.scenario().pose.sourceToImageMm / p.scenario().pose.sourceToObjectMm);
  CHECK(mmApart == Approx(117 * 0.30).epsilon(0.05));
  // Contrast appears after the injection starts, with its mask.
  std::vector<uint8_t> mask;
  p.contrastMask(static_cast<int>(24 * 7.5), mask);
  CHECK(std::count(mask.begin(), mask.end(), 255) > 1000);
  // A radiograph is one AP view: the needle truth is correct, the anatomy is not re-projected.
  auto lateral = parseScenario(R"({"name": "r", "view": "lateral", "anatomy": {"model": "radiograph", "image": "x.jpg", "targetPx": [1, 1]}})", "r.json");
  CHECK_FALSE(lateral.isOk());
}

TEST_CASE("a missing or unreadable radiograph is named", "[sim][radiograph][errors]") {
  auto s = parseScenario(R"({"name": "r", "anatomy": {"model": "radiograph", "image": "/nonexistent/film.jpg", "targetPx": [1, 1]}})", "r.json");
  REQUIRE(s.isOk());
  auto p = SimulatedPatient::create(s.value());
  REQUIRE_FALSE(p.isOk());
  CHECK_THAT(p.status().message(), Catch::Contains("/nonexistent/film.jpg") && Catch::Contains("anatomy.image"));
  auto t = parseScenario(R"({"name": "r", "anatomy": {"model": "radiograph", "image": ")" FG_SCENARIO_DIR R"(/README.md", "targetPx": [1, 1]}})", "r.json");
  REQUIRE(t.isOk());
  auto q = SimulatedPatient::create(t.value());
  REQUIRE_FALSE(q.isOk());
  CHECK_THAT(q.status().message(), Catch::Contains("not a readable image"));
}
