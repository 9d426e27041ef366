#include "procedure/ProcedureSession.hpp"

#include "procedure/Report.hpp"

namespace fg::procedure {
namespace {
constexpr int64_t kJournalBeamEveryNs = 6'000'000'000;  // the display's own update interval
constexpr double kNsPerS = 1e9;
}  // namespace

ProcedureSession::ProcedureSession(std::filesystem::path caseDir, Protocol protocol, CaseInfo info,
                                   std::unique_ptr<Journal> journal)
    : caseDir_(std::move(caseDir)),
      info_(std::move(info)),
      record_(std::move(protocol)),
      journal_(std::move(journal)) {}

core::Result<std::unique_ptr<ProcedureSession>> ProcedureSession::open(
    const std::filesystem::path& caseDir, Protocol protocol, CaseInfo info) {
  if (auto status = makePrivateDir(caseDir); !status) return status;
  auto existing = readCaseInfo(caseDir);
  if (existing) {
    if (existing.value().protocolId != protocol.id) {
      return core::Status::error(core::StatusCode::Unsupported,
                                 caseDir.string() + " is a case of protocol '" +
                                     existing.value().protocolId + "', not '" + protocol.id + "'");
    }
    info = existing.value();
    if (info.studyInstanceUid.empty()) {  // a case from before studies were kept
      info.studyInstanceUid = newStudyInstanceUid();
      if (auto status = writeCaseInfo(caseDir, info); !status) return status;
    }
  } else if (existing.status().code() != core::StatusCode::NotFound) {
    return existing.status();
  } else {
    info.protocolId = protocol.id;
    if (info.studyInstanceUid.empty()) info.studyInstanceUid = newStudyInstanceUid();
    if (auto status = writeCaseInfo(caseDir, info); !status) return status;
  }
  auto opened = Journal::open(caseDir / kJournalFileName);
  if (!opened) return opened.status();
  Journal::Opened& o = opened.value();
  std::unique_ptr<ProcedureSession> session(
      new ProcedureSession(caseDir, std::move(protocol), std::move(info), std::move(o.journal)));
  size_t refused = 0;
  for (const nlohmann::json& event : o.events) {
    if (!session->record_.apply(event)) ++refused;
  }
  // The timer goes on from what was recorded.
  const auto& alarms = session->record_.alarms();
  session->timer_.restore(static_cast<int64_t>(session->record_.beamOnS() * kNsPerS),
                          static_cast<int>(alarms.size()), session->record_.alarmStanding());
  session->journaledBeamNs_ = session->timer_.beamOnNs();
  if (!o.events.empty()) {
    session->recovered_ = std::to_string(o.events.size()) + (o.events.size() == 1 ? " event" : " events") +
                          " read back from the journal";
    if (o.tornTail)
      session->recovered_ +=
          "; its last line was cut short by a crash and is kept in journal.jsonl.torn";
    if (!o.damagedLines.empty())
      session->recovered_ += "; " + std::to_string(o.damagedLines.size()) + " damaged lines kept";
    if (refused > 0)
      session->recovered_ += "; " + std::to_string(refused) + " events did not fit the protocol";
  } else if (o.tornTail) {
    session->recovered_ =
        "the journal's only line was cut short by a crash and is kept in journal.jsonl.torn";
  }
  return session;
}

core::Status ProcedureSession::record(nlohmann::json event) {
  // On the disk first; only then part of the record.
  if (auto status = journal_->append(event); !status) return status;
  return record_.apply(event);
}

core::Status ProcedureSession::markCurrent(StepState state, const std::string& wallTime,
                                           uint64_t frameId, const std::string& snapshot) {
  const size_t step = record_.currentStep();
  if (step >= record_.steps().size()) {
    return core::Status::error(core::StatusCode::OutOfRange, "every step is already marked");
  }
  if (state == StepState::Done) {
    const auto missing = record_.missingFields(step);
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
      return core::Status::error(core::StatusCode::OutOfRange, "record first: " + list);
    }
  }
  nlohmann::json event = {{"type", "step"},
                          {"step", record_.protocol().steps[step].id},
                          {"status", state == StepState::Done ? "done" : "skipped"},
                          {"wallTime", wallTime},
                          {"frameId", frameId},
                          {"fluoroS", static_cast<double>(timer_.beamOnNs()) / kNsPerS}};
  if (!snapshot.empty()) event["snapshot"] = snapshot;
  if (auto status = record(std::move(event)); !status) return status;
  // The end of the procedure starts the observation period.
  if (record_.protocol().steps[step].id == "end" && state == StepState::Done) {
    if (auto status = recordEnd(wallTime); !status) return status;
    return startObservation(wallTime);
  }
  return core::Status::ok();
}

core::Status ProcedureSession::setField(size_t step, const std::string& field,
                                        nlohmann::json value) {
  if (step >= record_.steps().size())
    return core::Status::error(core::StatusCode::OutOfRange, "no such step");
  return record({{"type", "field"},
                 {"step", record_.protocol().steps[step].id},
                 {"field", field},
                 {"value", std::move(value)}});
}

core::Status ProcedureSession::addNote(size_t step, const std::string& text) {
  if (step >= record_.steps().size())
    return core::Status::error(core::StatusCode::OutOfRange, "no such step");
  return record({{"type", "note"}, {"step", record_.protocol().steps[step].id}, {"text", text}});
}

core::Status ProcedureSession::recordTimeOut(const std::string& level, const std::string& side,
                                             const std::string& wallTime, uint64_t frameId) {
  return record({{"type", "timeout"},
                 {"level", level},
                 {"side", side},
                 {"wallTime", wallTime},
                 {"frameId", frameId}});
}

core::Status ProcedureSession::recordEnd(const std::string& wallTime) {
  return record({{"type", "end"}, {"wallTime", wallTime}});
}

core::Status ProcedureSession::startObservation(const std::string& wallTime) {
  return record({{"type", "observation"}, {"wallTime", wallTime}});
}

core::Status ProcedureSession::onImage(int64_t arrivalNs, const std::string& wallTime) {
  const int alarmsBefore = timer_.alarmsRaised();
  timer_.onImage(arrivalNs);
  if (timer_.beamOnNs() - journaledBeamNs_ >= kJournalBeamEveryNs ||
      timer_.alarmsRaised() != alarmsBefore) {
    journaledBeamNs_ = timer_.beamOnNs();
    if (auto status = record(
            {{"type", "fluoro"}, {"beamOnS", static_cast<double>(timer_.beamOnNs()) / kNsPerS}});
        !status)
      return status;
  }
  for (int a = alarmsBefore; a < timer_.alarmsRaised(); ++a) {
    const double atS =
        static_cast<double>(a + 1) * static_cast<double>(FluoroTimer::kAlarmEveryNs) / kNsPerS;
    if (auto status = record({{"type", "alarm"}, {"beamOnS", atS}, {"wallTime", wallTime}});
        !status)
      return status;
  }
  return core::Status::ok();
}

core::Status ProcedureSession::acknowledgeAlarm(const std::string& by,
                                                const std::string& wallTime) {
  if (!record_.alarmStanding()) return core::Status::ok();
  if (auto status = record({{"type", "acknowledge"},
                            {"beamOnS", static_cast<double>(timer_.beamOnNs()) / kNsPerS},
                            {"wallTime", wallTime},
                            {"by", by}});
      !status)
    return status;
  timer_.acknowledge();
  return core::Status::ok();
}

core::Status ProcedureSession::recordAlert(const AlertEvent& a) {
  nlohmann::json event = {{"type", "alert"},   {"kind", a.kind},         {"event", a.event},
                          {"frameId", a.frameId}, {"wallTime", a.wallTime}};
  if (!a.detail.empty()) event["detail"] = a.detail;
  if (!a.by.empty()) event["by"] = a.by;
  return record(std::move(event));
}

core::Status ProcedureSession::updateCaseInfo(CaseInfo info) {
  info.protocolId = info_.protocolId;
  if (info.createdAt.empty()) info.createdAt = info_.createdAt;
  if (info.studyInstanceUid.empty()) info.studyInstanceUid = info_.studyInstanceUid;
  if (auto status = writeCaseInfo(caseDir_, info); !status) return status;
  info_ = std::move(info);
  return core::Status::ok();
}

core::Status ProcedureSession::writeReport() const {
  return procedure::writeReport(caseDir_, info_, record_);
}

}  // namespace fg::procedure
