#pragma once
// The analysis thread ("fg-analysis"): takes the newest frame from the hub's analysis slot, runs
// the FrameAnalysis on it (contrast, needle, levels) and publishes the result, tagged with the
// frame's id, to a newest-wins slot (and to an optional sink, e.g. the headless JSON lines). Frames that arrive while a frame
// is being analysed are skipped (newest wins) and counted. Every wait is bounded, so stop() is
// prompt; exceptions never leave the thread.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/FrameHub.hpp"
#include "guidance/FrameAnalysis.hpp"

namespace fg::guidance {

class AnalysisThread {
 public:
  using Sink = std::function<void(const AnalysisResult&)>;
  AnalysisThread(core::FrameHub& hub, AnalyzerSettings settings, Sink sink = {});
  ~AnalysisThread();
  AnalysisThread(const AnalysisThread&) = delete;
  AnalysisThread& operator=(const AnalysisThread&) = delete;

  void start();
  void stop();
  // Asks for a new mask; taken up by the thread before its next frame.
  void requestRemask() { remask_ = true; }
  // New subtraction settings (manual shift, compensation on/off), taken up before the next frame.
  void setSubtraction(const SubtractionSettings& settings);
  // New level labels (or none), taken up before the next frame.
  void requestLevels(LevelRequest request);

  core::LatestSlot<ResultRef>& results() { return results_; }
  uint64_t framesAnalysed() const { return analysed_.load(); }
  uint64_t framesSkipped() const;  // newer frames replaced them before analysis

 private:
  void run(std::stop_token stop);

  core::FrameHub& hub_;
  FrameAnalysis analysis_;
  Sink sink_;
  core::LatestSlot<ResultRef> results_;
  std::atomic<uint64_t> analysed_{0};
  std::atomic<bool> remask_{false};
  std::mutex settingsMutex_;
  std::optional<SubtractionSettings> pendingSubtraction_;  // guarded by settingsMutex_
  std::optional<LevelRequest> pendingLevels_;              // guarded by settingsMutex_
  std::jthread thread_;
};

}  // namespace fg::guidance
