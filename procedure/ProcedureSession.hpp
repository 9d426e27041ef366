#pragma once
// One procedure being recorded: the case folder's journal, the record rebuilt from it, and the
// fluoroscopy timer fed from the image stream. Every change is written to the journal (and
// flushed to the disk) before it is applied to the record, so what the panel shows as recorded
// is on the disk; reopening the folder after a crash rebuilds the same record. Main thread only;
// times are injected (ns of one steady clock) and wall-clock text is given by the caller.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/Status.hpp"
#include "procedure/CaseFiles.hpp"
#include "procedure/FluoroTimer.hpp"
#include "procedure/Journal.hpp"
#include "procedure/ProcedureRecord.hpp"

namespace fg::procedure {

class ProcedureSession {
 public:
  // Opens (or creates) the procedure in `caseDir` following `protocol`; `info` is written as
  // case.json when the folder holds no case yet. `recovered` says what reopening found (events
  // read back, a torn last line kept aside) for the panel to show once.
  static core::Result<std::unique_ptr<ProcedureSession>> open(const std::filesystem::path& caseDir,
                                                              Protocol protocol, CaseInfo info);

  const ProcedureRecord& record() const { return record_; }
  const CaseInfo& caseInfo() const { return info_; }
  const FluoroTimer& timer() const { return timer_; }
  const std::filesystem::path& caseDir() const { return caseDir_; }
  const std::string& recovered() const { return recovered_; }

  // Marks the current step done (or skipped): `frameId` is the image shown (0: none), `snapshot`
  // a file in the case folder already written (empty: none). Error: required fields missing (for
  // done), or the journal could not be written.
  core::Status markCurrent(StepState state, const std::string& wallTime, uint64_t frameId,
                           const std::string& snapshot);
  core::Status setField(size_t step, const std::string& field, nlohmann::json value);
  core::Status addNote(size_t step, const std::string& text);
  core::Status recordTimeOut(const std::string& level, const std::string& side,
                             const std::string& wallTime, uint64_t frameId);
  core::Status recordEnd(const std::string& wallTime);
  core::Status startObservation(const std::string& wallTime);

  // A new image arrived: the beam is on. Journals the running beam-on time every 6 s of beam and
  // an alarm at every 5 minutes.
  core::Status onImage(int64_t arrivalNs, const std::string& wallTime);
  core::Status acknowledgeAlarm(const std::string& by, const std::string& wallTime);
  // An alarm the screen raised, showed or had acknowledged (`event`: "raised", "shown",
  // "acknowledged"), journaled before the screen says it was recorded.
  struct AlertEvent {
    std::string kind, event, detail, by, wallTime;
    uint64_t frameId = 0;
  };
  core::Status recordAlert(const AlertEvent& alert);

  core::Status writeReport() const;
  // New case details (the protocol stays), written to case.json.
  core::Status updateCaseInfo(CaseInfo info);

 private:
  ProcedureSession(std::filesystem::path caseDir, Protocol protocol, CaseInfo info,
                   std::unique_ptr<Journal> journal);
  core::Status record(nlohmann::json event);

  std::filesystem::path caseDir_;
  CaseInfo info_;
  ProcedureRecord record_;
  std::unique_ptr<Journal> journal_;
  FluoroTimer timer_;
  int64_t journaledBeamNs_ = 0;
  std::string recovered_;
};

}  // namespace fg::procedure
