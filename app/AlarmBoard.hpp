#pragma once
// The alarms standing on the screen (intravascular uptake, 5 minutes of fluoroscopy, the source
// lost, a recording that failed, the disk running low), oldest first, each until it is
// acknowledged. Raising, first showing and acknowledging each go to the case's journal before the
// screen says they were recorded; a journal that cannot be written is said in the alarm itself.
// An alarm cannot be acknowledged unseen: only once it has been on screen for kMinShownS.
// Main thread only; times are seconds of the UI's clock (ImGui's in the window).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Status.hpp"
#include "procedure/ProcedureSession.hpp"

namespace fg::app {

enum class AlarmKind : uint8_t { Invalid = 0, Intravascular, FluoroscopyTime, SourceLost, RecordingFailed, DiskLow };
std::string_view toString(AlarmKind kind);  // "intravascular", "fluoroscopy-time", ... (the journal's)
std::string_view titleOf(AlarmKind kind);   // "INTRAVASCULAR UPTAKE SUSPECTED", ...

struct Alarm {
  AlarmKind kind = AlarmKind::Invalid;
  std::string detail;          // what happened and what to do, in words
  uint64_t raisedFrameId = 0;  // the image on screen (or analysed) when it was raised
  double shownAtS = -1;        // UI time it was first drawn; < 0: not yet
  std::string journalProblem;  // empty: every event so far is in the journal
};

class AlarmBoard {
 public:
  static constexpr double kMinShownS = 0.6;  // a key pressed blind for a dialog acknowledges nothing
  // Where raised / shown / acknowledged go; unset: nothing is journaled (and the alarm says so).
  using Journal = std::function<core::Status(const procedure::ProcedureSession::AlertEvent&)>;
  void setJournal(Journal journal) { journal_ = std::move(journal); }
  void setWallClock(std::function<std::string()> clock) { wallClock_ = std::move(clock); }

  // Raises `kind` unless one of that kind stands already; true when it was raised.
  bool raise(AlarmKind kind, std::string detail, uint64_t frameId);
  bool standing() const { return !alarms_.empty(); }
  bool standing(AlarmKind kind) const;
  // The one shown and acknowledged first (the oldest), or null.
  const Alarm* front() const { return alarms_.empty() ? nullptr : &alarms_.front(); }
  size_t count() const { return alarms_.size(); }

  // The front alarm is on screen at `nowS` with image `frameId`; the first call journals it shown.
  void shown(double nowS, uint64_t frameId);
  bool canAcknowledge(double nowS) const;
  // Acknowledges the front alarm (refused until it has been seen for kMinShownS); returns its kind.
  core::Result<AlarmKind> acknowledge(const std::string& by, double nowS, uint64_t frameId);

 private:
  void journal(Alarm& alarm, std::string_view event, const std::string& by, uint64_t frameId);
  std::vector<Alarm> alarms_;
  Journal journal_;
  std::function<std::string()> wallClock_;
};

}  // namespace fg::app
