#include <catch2/catch.hpp>
#include <filesystem>
#include <vector>

#include "sim/Scenario.hpp"
#include "sim/SimulatedPatient.hpp"

using namespace fg::sim;

TEST_CASE("every scenario file loads and runs a few frames", "[sim][scenario]") {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(FG_SCENARIO_DIR)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    INFO(entry.path().filename().string());
    auto scenario = loadScenario(entry.path());
    REQUIRE(scenario.isOk());
    auto patient = SimulatedPatient::create(scenario.value());
    REQUIRE(patient.isOk());
    std::vector<uint8_t> frame(patient.value()->format().byteCount());
    const int last = patient.value()->frameCount() - 1;
    for (int i : {0, 1, last / 2, last}) patient.value()->renderFrame(i, frame);
    CHECK(std::any_of(frame.begin(), frame.end(), [](uint8_t v) { return v != 0; }));
  }
  CHECK(files >= 7);
}

TEST_CASE("malformed scenarios name the field", "[sim][scenario][errors]") {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {R"({"description": "no name"})", "name"},
      {R"({"name": "x", "pulsesPerSecond": 12})", "pulsesPerSecond"},
      {R"({"name": "x", "view": "sideways"})", "view"},
      {R"({"name": "x", "injection": {"pattern": "venous"}})", "injection.pattern"},
      {R"({"name": "x", "injection": {"pattern": "epidural", "volumeMl": "lots"}})", "injection.volumeMl"},
      {R"({"name": "x", "anatomy": {"lumbarVertebrae": 7}})", "anatomy.lumbarVertebrae"},
      {R"({"name": "x", "motion": {"translationMm": [1, 2]}})", "motion.translationMm"},
      {R"({"name": "x", "needle": {"speed": 3}})", "needle.speed"},
      {R"({"name": "x", "dose": 5})", "dose"},
      {R"({"name": "x", "colour": "blue"})", "colour"},
  };
  for (const auto& c : cases) {
    INFO(c.json);
    auto parsed = parseScenario(c.json, "test.json");
    REQUIRE_FALSE(parsed.isOk());
    CHECK_THAT(parsed.status().message(), Catch::Contains(std::string("'") + c.field + "'") && Catch::Contains("test.json"));
  }
  auto broken = parseScenario("{ not json", "broken.json");
  REQUIRE_FALSE(broken.isOk());
  CHECK_THAT(broken.status().message(), Catch::Contains("not valid JSON"));
  auto missing = loadScenario("/nonexistent/case.json");
  CHECK_THAT(missing.status().message(), Catch::Contains("case.json"));
}

TEST_CASE("a target the anatomy does not have is refused", "[sim][scenario][errors]") {
  auto scenario = parseScenario(R"({"name": "x", "target": {"interspace": "L5-6"}})", "t.json");
  REQUIRE(scenario.isOk());
  auto patient = SimulatedPatient::create(scenario.value());
  REQUIRE_FALSE(patient.isOk());
  CHECK_THAT(patient.status().message(), Catch::Contains("target.interspace") && Catch::Contains("L5-6"));
}
