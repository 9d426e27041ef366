#pragma once
// The contrast analysis of the open source, for the window: runs the analysis thread on the
// pipeline's hub, takes its newest result each UI frame, and keeps the intravascular alert until
// the user acknowledges it. Main thread only, except the analysis thread it owns.

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>

#include "app/IntravascularAlert.hpp"
#include "core/FrameHub.hpp"
#include "guidance/AnalysisThread.hpp"

namespace fg::app {

class ContrastSession {
 public:
  explicit ContrastSession(core::FrameHub& hub);
  ~ContrastSession();
  ContrastSession(const ContrastSession&) = delete;
  ContrastSession& operator=(const ContrastSession&) = delete;

  // Takes the newest result; true when it is new since the last poll.
  bool poll();
  const guidance::ResultRef& latest() const { return latest_; }

  void remask();
  // Results of frames up to `frameId` are the previous case's: from the next poll on, none is
  // given (latest() is empty until a newer frame's result arrives).
  void forgetUpTo(uint64_t frameId) { forgetUpTo_ = frameId; }
  void requestLevels(guidance::LevelRequest request) { thread_->requestLevels(std::move(request)); }
  void setSubtraction(const guidance::SubtractionSettings& settings);
  const guidance::SubtractionSettings& subtraction() const { return subtraction_; }

  // The intravascular alert the newest results raised since the last call, if any (the alarm
  // board shows it and waits for its acknowledgement).
  std::optional<IntravascularAlert> takeRaisedAlert() { return std::exchange(raised_, std::nullopt); }
  int alertsRaised() const { return alerts_.raised(); }

  const guidance::AnalysisThread& thread() const { return *thread_; }

 private:
  std::unique_ptr<guidance::AnalysisThread> thread_;
  uint64_t seen_ = 0;
  guidance::ResultRef latest_;
  guidance::SubtractionSettings subtraction_;
  IntravascularAlertTracker alerts_;
  std::optional<IntravascularAlert> raised_;
  uint32_t epoch_ = 0;
  uint64_t forgetUpTo_ = 0;
};

}  // namespace fg::app
