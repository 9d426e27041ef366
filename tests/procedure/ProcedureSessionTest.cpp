#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "procedure/ProcedureSession.hpp"
#include "procedure/RecordReading.hpp"

using namespace fg;
using namespace fg::procedure;
namespace fs = std::filesystem;

namespace {
constexpr int64_t kS = 1'000'000'000;
Protocol epidurography() {
  auto p = loadProtocol(fs::path(FG_ASSET_DIR) / "protocols" / "epidurography.json");
  REQUIRE(p.isOk());
  return p.value();
}
}  // namespace

TEST_CASE("a procedure recorded in a case folder is rebuilt whole when the folder is opened again",
          "[procedure][session]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-session-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  CaseInfo info;
  info.patientId = "P-1";
  info.patientName = "Test Patient";
  {
    auto opened = ProcedureSession::open(dir, epidurography(), info);
    REQUIRE(opened.isOk());
    ProcedureSession& s = *opened.value();
    CHECK(fs::exists(dir / "case.json"));
    CHECK((fs::status(dir).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
          fs::perms::none);
    // The first step needs its medications before it can be done; skipping is always possible.
    CHECK_THAT(s.markCurrent(StepState::Done, "09:00:00", 0, "").message(),
               Catch::Contains("Medications"));
    REQUIRE(s.setField(0, "medications", "none").isOk());
    REQUIRE(s.markCurrent(StepState::Done, "09:00:10", 0, "").isOk());
    REQUIRE(s.markCurrent(StepState::Skipped, "09:00:20", 0, "").isOk());
    CHECK(s.record().currentStep() == 2);
    // Five minutes of beam at 7.5 images/s: the alarm is journaled; acknowledged by name.
    for (int64_t t = 0; t <= 300 * kS + kS; t += kS * 2 / 15)
      REQUIRE(s.onImage(t, "09:05:00").isOk());
    CHECK(s.record().alarmStanding());
    CHECK(s.timer().alarmStanding());
    REQUIRE(s.acknowledgeAlarm("technologist", "09:05:02").isOk());
    CHECK_FALSE(s.record().alarmStanding());
    REQUIRE(s.recordTimeOut("L4-5", "LEFT", "09:06:00", 77).isOk());
    REQUIRE(s.writeReport().isOk());
    // Every file of the case is the owner's alone: they name the patient.
    for (const char* file : {"case.json", "journal.jsonl", "report.json", "report.html"}) {
      INFO(file);
      CHECK((fs::status(dir / file).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
            fs::perms::none);
    }
    // No orderly close: the session is simply dropped, as a kill -9 would leave it.
  }
  auto reopened = ProcedureSession::open(dir, epidurography(), {});
  REQUIRE(reopened.isOk());
  const ProcedureSession& s = *reopened.value();
  CHECK(s.caseInfo().patientId == "P-1");
  CHECK(s.record().currentStep() == 2);
  CHECK(s.record().steps()[0].state == StepState::Done);
  CHECK(s.record().steps()[1].state == StepState::Skipped);
  CHECK(s.record().beamOnS() >= 300.0);
  CHECK(s.timer().beamOnNs() >= 300 * kS);  // the timer goes on from there
  REQUIRE(s.record().alarms().size() == 1);
  CHECK(s.record().alarms()[0].acknowledgedBy == "technologist");
  REQUIRE(s.record().timeOut());
  CHECK(s.record().timeOut()->level == "L4-5");
  CHECK_THAT(s.recovered(), Catch::Contains("read back from the journal"));
  CHECK(fs::exists(dir / "report.html"));
  // A folder that holds another protocol's case is refused with both named.
  Protocol other = epidurography();
  other.id = "lumbar-transforaminal";
  CHECK_THAT(ProcedureSession::open(dir, other, {}).status().message(),
             Catch::Contains("'epidurography'") && Catch::Contains("'lumbar-transforaminal'"));
  fs::remove_all(dir);
}

TEST_CASE("a case keeps one DICOM study for all its exports, across edits and reopening",
          "[procedure][session]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-study-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string study;
  {
    auto opened = ProcedureSession::open(dir, epidurography(), {});
    REQUIRE(opened.isOk());
    study = opened.value()->caseInfo().studyInstanceUid;
    // "2.25." and a 128-bit number: digits only, no leading zero, within DICOM's 64 characters.
    REQUIRE(study.rfind("2.25.", 0) == 0);
    CHECK(study.size() <= 64);
    CHECK(study.size() > 20);
    CHECK(study.find_first_not_of("0123456789", 5) == std::string::npos);
    CHECK(study[5] != '0');
    CaseInfo edited;
    edited.patientId = "P-2";
    REQUIRE(opened.value()->updateCaseInfo(edited).isOk());
    CHECK(opened.value()->caseInfo().studyInstanceUid == study);
  }
  auto reopened = ProcedureSession::open(dir, epidurography(), {});
  REQUIRE(reopened.isOk());
  CHECK(reopened.value()->caseInfo().studyInstanceUid == study);
  CHECK(newStudyInstanceUid() != newStudyInstanceUid());
  // A case written before studies were kept gets one, saved with it.
  fs::remove_all(dir / "journal.jsonl");
  nlohmann::json old = toJson(reopened.value()->caseInfo());
  old.erase("studyInstanceUid");
  reopened.value().reset();
  REQUIRE(writeJson(old, dir / kCaseFileName).isOk());
  auto upgraded = ProcedureSession::open(dir, epidurography(), {});
  REQUIRE(upgraded.isOk());
  const std::string given = upgraded.value()->caseInfo().studyInstanceUid;
  CHECK(given.rfind("2.25.", 0) == 0);
  CHECK(readCaseInfo(dir).value().studyInstanceUid == given);
  fs::remove_all(dir);
}

TEST_CASE("alarms the screen raised are journaled, read back and written into the report",
          "[procedure][session][alerts]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-alerts-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    auto opened = ProcedureSession::open(dir, epidurography(), {});
    REQUIRE(opened.isOk());
    ProcedureSession& s = *opened.value();
    REQUIRE(s.recordAlert({"intravascular", "raised", "contrast washes out", "", "09:10:00", 173}).isOk());
    REQUIRE(s.recordAlert({"intravascular", "shown", "", "", "09:10:00", 174}).isOk());
    REQUIRE(s.recordAlert({"source-lost", "raised", "the grabber stopped", "", "09:11:00", 200}).isOk());
    REQUIRE(s.recordAlert({"intravascular", "acknowledged", "", "Dr Test", "09:10:04", 180}).isOk());
    // Nothing stands to acknowledge: refused, and nothing is written.
    CHECK_FALSE(s.recordAlert({"disk-low", "acknowledged", "", "x", "09:12:00", 1}).isOk());
    REQUIRE(s.writeReport().isOk());
  }
  auto reopened = ProcedureSession::open(dir, epidurography(), {});
  REQUIRE(reopened.isOk());
  const auto& alerts = reopened.value()->record().alerts();
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0].kind == "intravascular");
  CHECK(alerts[0].raisedFrameId == 173);
  CHECK(alerts[0].shownFrameId == 174);
  CHECK(alerts[0].acknowledgedFrameId == 180);
  CHECK(alerts[0].acknowledgedBy == "Dr Test");
  CHECK(alerts[1].kind == "source-lost");
  CHECK(alerts[1].acknowledgedAt.empty());
  std::ifstream html(dir / "report.html");
  std::stringstream text;
  text << html.rdbuf();
  CHECK_THAT(text.str(), Catch::Contains("<h2>Alarms</h2>") && Catch::Contains("intravascular") &&
                             Catch::Contains("Dr Test") && Catch::Contains("09:10:00 (173)") &&
                             Catch::Contains("source-lost"));
  std::ifstream json(dir / "report.json");
  const auto report = nlohmann::json::parse(json);
  REQUIRE(report["alerts"].size() == 2);
  CHECK(report["alerts"][0]["acknowledgedBy"] == "Dr Test");
  fs::remove_all(dir);
}

TEST_CASE("a recorded case is read back without writing to it", "[procedure][session][replay]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-readonly-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  CaseInfo info;
  info.patientName = "Replayed^Patient";
  {
    auto opened = ProcedureSession::open(dir, epidurography(), info);
    REQUIRE(opened.isOk());
    REQUIRE(opened.value()->markCurrent(StepState::Skipped, "09:00:20", 0, "").isOk());
    REQUIRE(opened.value()->recordTimeOut("L4-5", "LEFT", "09:06:00", 77).isOk());
  }
  std::ofstream(dir / "journal.jsonl", std::ios::app) << "{\"type\":\"step\",\"st";  // torn by a crash
  const auto before = fs::last_write_time(dir / "journal.jsonl");
  const auto size = fs::file_size(dir / "journal.jsonl");
  auto read = readRecordedCase(dir, epidurography());
  REQUIRE(read.isOk());
  CHECK(read.value().info.patientName == "Replayed^Patient");
  CHECK(read.value().record.steps()[0].state == StepState::Skipped);
  REQUIRE(read.value().record.timeOut());
  CHECK(read.value().record.timeOut()->level == "L4-5");
  CHECK(read.value().linesSkipped == 1);
  CHECK(fs::file_size(dir / "journal.jsonl") == size);  // the torn line is left as it was
  CHECK(fs::last_write_time(dir / "journal.jsonl") == before);
  CHECK_FALSE(fs::exists(dir / "journal.jsonl.torn"));
  CHECK(readRecordedCase(dir / "absent", epidurography()).status().code() == fg::core::StatusCode::NotFound);
  fs::remove_all(dir);
}
