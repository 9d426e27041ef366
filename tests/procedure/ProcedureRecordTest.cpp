#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "procedure/ProcedureRecord.hpp"
#include "procedure/Report.hpp"

using namespace fg;
using namespace fg::procedure;

namespace {
Protocol smallProtocol() {
  auto p = parseProtocol(R"({"id": "t", "name": "Test procedure", "version": 1, "steps": [
      {"id": "review", "title": "Review", "fields": [{"id": "meds", "label": "Medications", "kind": "text", "required": true}]},
      {"id": "contrast", "title": "Contrast", "imaging": true, "fields": [
         {"id": "volume", "label": "Volume", "kind": "number", "unit": "ml"},
         {"id": "pattern", "label": "Pattern", "kind": "choice", "choices": ["epidural", "intravascular"]}]},
      {"id": "inject", "title": "Injection"}]})",
                         "t.json");
  REQUIRE(p.isOk());
  return p.value();
}
}  // namespace

TEST_CASE("the record follows the events: steps, fields, the time-out, fluoroscopy and alarms",
          "[procedure][record]") {
  ProcedureRecord r(smallProtocol());
  CHECK(r.currentStep() == 0);
  CHECK(r.missingFields(0) == std::vector<std::string>{"Medications"});
  REQUIRE(
      r.apply({{"type", "field"}, {"step", "review"}, {"field", "meds"}, {"value", "ibuprofen"}})
          .isOk());
  CHECK(r.missingFields(0).empty());
  REQUIRE(r.apply({{"type", "step"},
                   {"step", "review"},
                   {"status", "done"},
                   {"wallTime", "2026-11-30 09:00:00"}})
              .isOk());
  CHECK(r.currentStep() == 1);
  REQUIRE(r.apply({{"type", "field"}, {"step", "contrast"}, {"field", "volume"}, {"value", 3.0}})
              .isOk());
  REQUIRE(r.apply({{"type", "step"},
                   {"step", "contrast"},
                   {"status", "done"},
                   {"wallTime", "2026-11-30 09:10:00"},
                   {"frameId", 412},
                   {"fluoroS", 95.0},
                   {"snapshot", "snapshots/contrast-412.png"}})
              .isOk());
  REQUIRE(r.apply({{"type", "timeout"},
                   {"level", "L4-5"},
                   {"side", "LEFT"},
                   {"wallTime", "09:11:00"},
                   {"frameId", 420}})
              .isOk());
  REQUIRE(r.apply({{"type", "fluoro"}, {"beamOnS", 301.0}}).isOk());
  REQUIRE(r.apply({{"type", "alarm"}, {"beamOnS", 300.0}, {"wallTime", "09:12:00"}}).isOk());
  CHECK(r.alarmStanding());
  REQUIRE(r.apply({{"type", "acknowledge"},
                   {"beamOnS", 302.0},
                   {"wallTime", "09:12:04"},
                   {"by", "Dr Example"}})
              .isOk());
  CHECK_FALSE(r.alarmStanding());
  REQUIRE(
      r.apply(
           {{"type", "step"}, {"step", "inject"}, {"status", "skipped"}, {"wallTime", "09:13:00"}})
          .isOk());
  CHECK(r.currentStep() == 3);  // all marked
  CHECK(r.steps()[1].frameId == 412);
  CHECK(r.steps()[2].state == StepState::Skipped);
  CHECK(r.beamOnS() == 301.0);
  // Refused, with the reason, and nothing changes.
  CHECK_THAT(r.apply({{"type", "step"}, {"step", "nope"}, {"status", "done"}}).message(),
             Catch::Contains("'nope'"));
  CHECK_THAT(
      r.apply({{"type", "field"}, {"step", "review"}, {"field", "dose"}, {"value", 1}}).message(),
      Catch::Contains("no field 'dose'"));
  CHECK_THAT(r.apply({{"type", "acknowledge"}}).message(), Catch::Contains("no alarm stands"));
  CHECK_THAT(r.apply({{"type", "dance"}}).message(), Catch::Contains("unknown event type 'dance'"));

  // The report carries all of it, patient data escaped.
  CaseInfo info;
  info.patientName = "Doe <Jane>";
  info.patientId = "P-123";
  info.protocolId = "t";
  const std::string html = reportHtml(info, r);
  CHECK_THAT(html, Catch::Contains("Doe &lt;Jane&gt;"));
  CHECK_THAT(html, Catch::Contains("L4-5 LEFT"));
  CHECK_THAT(html, Catch::Contains("5.0 min"));  // 301 s of beam, in minutes and tenths
  CHECK_THAT(html, Catch::Contains("measured from the video stream"));
  CHECK_THAT(html, Catch::Contains("Dr Example"));
  CHECK_THAT(html, Catch::Contains("snapshots/contrast-412.png"));
  CHECK_THAT(html, Catch::Contains("Volume: 3.0 ml"));
  const nlohmann::json json = reportJson(info, r);
  CHECK(json["steps"][2]["state"] == "skipped");
  CHECK(json["timeOut"]["side"] == "LEFT");
  CHECK(json["fluoroscopy"]["alarms"][0]["acknowledgedBy"] == "Dr Example");
  const auto dir = std::filesystem::temp_directory_path() / "fg-report-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  REQUIRE(writeReport(dir, info, r).isOk());
  CHECK(std::filesystem::exists(dir / "report.html"));
  CHECK(std::filesystem::exists(dir / "report.json"));
  std::filesystem::remove_all(dir);
}
