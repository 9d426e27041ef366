#pragma once
// What has been recorded of one procedure, rebuilt from its journal's events: each protocol
// step's state (done or skipped, with wall-clock time, frame id and fluoroscopy time), its fields
// and notes and attached snapshots, the time-out, the fluoroscopy time and its alarms (who
// acknowledged them), and the procedure's end. The panel writes events to the journal first and
// applies them here only once they are on the disk.
//
// Events (one JSON object each, "type" says which):
//   step      {step, status: "done"|"skipped", wallTime, frameId, fluoroS, snapshot?}
//   field     {step, field, value}            note  {step, text}
//   timeout   {level, side, wallTime, frameId}
//   fluoro    {beamOnS}                        (the running total, at least every 6 s of beam)
//   alarm     {beamOnS, wallTime}              acknowledge {beamOnS, wallTime, by}
//   end       {wallTime}                       observation {wallTime}
//   alert     {kind, event: "raised"|"shown"|"acknowledged", frameId, wallTime, detail?, by?}
//             (every alarm the screen raised: intravascular, fluoroscopy time, source lost,
//             recording failed, disk low)
//   snapshot  {step, file, frameId}

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/Status.hpp"
#include "procedure/Protocol.hpp"

namespace fg::procedure {

enum class StepState : uint8_t { Invalid = 0, Pending, Done, Skipped };
std::string_view toString(StepState state);

struct StepRecord {
  StepState state = StepState::Pending;
  std::string wallTime;  // "2026-11-30 14:32:05"
  uint64_t frameId = 0;  // the image shown when it was marked (0: none)
  double fluoroS = 0;    // beam-on time when it was marked
  std::map<std::string, nlohmann::json> fields;
  std::vector<std::string> notes;
  std::vector<std::string> snapshots;  // files in the case folder
};

struct AlarmRecord {
  double beamOnS = 0;
  std::string raisedAt;
  std::string acknowledgedAt;  // empty while it stands
  std::string acknowledgedBy;
};

// One alarm the screen raised, from raising to acknowledgement.
struct AlertRecord {
  std::string kind;    // "intravascular", "fluoroscopy-time", "source-lost", ...
  std::string detail;  // what the screen said
  std::string raisedAt, shownAt, acknowledgedAt, acknowledgedBy;  // wall-clock; empty: not yet
  uint64_t raisedFrameId = 0, shownFrameId = 0, acknowledgedFrameId = 0;
};

class ProcedureRecord {
 public:
  explicit ProcedureRecord(Protocol protocol);
  const Protocol& protocol() const { return protocol_; }

  // Applies one event; an event that names no step of this protocol or has a bad field is
  // refused with the reason (and nothing changes).
  core::Status apply(const nlohmann::json& event);

  const std::vector<StepRecord>& steps() const { return steps_; }
  // The first step neither done nor skipped; steps().size() when all are.
  size_t currentStep() const;
  // Fields the protocol requires of a step that are still empty.
  std::vector<std::string> missingFields(size_t step) const;

  double beamOnS() const { return beamOnS_; }
  const std::vector<AlarmRecord>& alarms() const { return alarms_; }
  bool alarmStanding() const { return !alarms_.empty() && alarms_.back().acknowledgedAt.empty(); }
  const std::vector<AlertRecord>& alerts() const { return alerts_; }
  struct TimeOutRecord {
    std::string level, side, wallTime;
    uint64_t frameId = 0;
  };
  const std::optional<TimeOutRecord>& timeOut() const { return timeOut_; }
  const std::string& endedAt() const { return endedAt_; }
  const std::string& observationFrom() const { return observationFrom_; }

 private:
  int stepOf(const nlohmann::json& event, core::Status* error) const;
  core::Status applyAlert(const nlohmann::json& event);

  Protocol protocol_;
  std::vector<StepRecord> steps_;
  double beamOnS_ = 0;
  std::vector<AlarmRecord> alarms_;
  std::vector<AlertRecord> alerts_;
  std::optional<TimeOutRecord> timeOut_;
  std::string endedAt_, observationFrom_;
};

}  // namespace fg::procedure
