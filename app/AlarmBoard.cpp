#include "app/AlarmBoard.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace fg::app {

std::string_view toString(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::Intravascular: return "intravascular";
    case AlarmKind::FluoroscopyTime: return "fluoroscopy-time";
    case AlarmKind::SourceLost: return "source-lost";
    case AlarmKind::RecordingFailed: return "recording-failed";
    case AlarmKind::DiskLow: return "disk-low";
    default: return "invalid";
  }
}

std::string_view titleOf(AlarmKind kind) {
  switch (kind) {
    case AlarmKind::Intravascular: return "INTRAVASCULAR UPTAKE SUSPECTED";
    case AlarmKind::FluoroscopyTime: return "FLUOROSCOPY TIME: 5 MINUTES";
    case AlarmKind::SourceLost: return "IMAGE SOURCE LOST";
    case AlarmKind::RecordingFailed: return "RECORDING FAILED";
    case AlarmKind::DiskLow: return "DISK ALMOST FULL";
    default: return "ALARM";
  }
}

bool AlarmBoard::standing(AlarmKind kind) const {
  return std::any_of(alarms_.begin(), alarms_.end(), [&](const Alarm& a) { return a.kind == kind; });
}

void AlarmBoard::journal(Alarm& alarm, std::string_view event, const std::string& by, uint64_t frameId) {
  if (!journal_) {
    alarm.journalProblem = "no case is open: not recorded in a journal";
    return;
  }
  procedure::ProcedureSession::AlertEvent e;
  e.kind = std::string(toString(alarm.kind));
  e.event = std::string(event);
  if (event == "raised") e.detail = alarm.detail;
  e.by = by;
  e.wallTime = wallClock_ ? wallClock_() : std::string();
  e.frameId = frameId;
  if (auto status = journal_(e); !status) {
    alarm.journalProblem = "NOT recorded in the journal: " + status.message();
    spdlog::error("alarm {} {} not journaled: {}", e.kind, e.event, status.message());
  }
}

bool AlarmBoard::raise(AlarmKind kind, std::string detail, uint64_t frameId) {
  if (kind == AlarmKind::Invalid || standing(kind)) return false;
  Alarm a;
  a.kind = kind;
  a.detail = std::move(detail);
  a.raisedFrameId = frameId;
  journal(a, "raised", "", frameId);
  spdlog::warn("ALARM raised: {} at frame {}", toString(kind), frameId);
  alarms_.push_back(std::move(a));
  return true;
}

void AlarmBoard::shown(double nowS, uint64_t frameId) {
  if (alarms_.empty() || alarms_.front().shownAtS >= 0) return;
  Alarm& a = alarms_.front();
  a.shownAtS = nowS;
  journal(a, "shown", "", frameId);
}

bool AlarmBoard::canAcknowledge(double nowS) const {
  return !alarms_.empty() && alarms_.front().shownAtS >= 0 && nowS - alarms_.front().shownAtS >= kMinShownS;
}

core::Result<AlarmKind> AlarmBoard::acknowledge(const std::string& by, double nowS, uint64_t frameId) {
  if (alarms_.empty()) return core::Status::error(core::StatusCode::NotFound, "no alarm stands");
  if (!canAcknowledge(nowS))
    return core::Status::error(core::StatusCode::OutOfRange, "the alarm has not been on screen long enough");
  Alarm a = std::move(alarms_.front());
  alarms_.erase(alarms_.begin());
  journal(a, "acknowledged", by, frameId);
  spdlog::warn("ALARM acknowledged: {} raised at frame {}, acknowledged at frame {}", toString(a.kind),
               a.raisedFrameId, frameId);
  return a.kind;
}

}  // namespace fg::app
