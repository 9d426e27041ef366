#pragma once
// The analysis thread ("fg-analysis"): takes the newest frame from the hub's analysis slot, runs
// the contrast chain, the needle detector and the level tracker on it (one conversion shared)
// and publishes the
// result, tagged with the frame's id, to a newest-wins slot (and to an optional sink, e.g. the
// headless JSON lines). Frames that arrive while a frame
// is being analysed are skipped (newest wins) and counted. Every wait is bounded, so stop() is
// prompt; exceptions never leave the thread.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "core/FrameHub.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/LevelTracker.hpp"
#include "guidance/NeedleDetector.hpp"

namespace fg::guidance {

// A change to the spinal level labels, taken up before the next frame.
struct LevelRequest {
  enum class Kind : uint8_t { Invalid = 0, FromOneVertebra, Markers, Clear };
  Kind kind = Kind::Invalid;
  cv::Point2d vertebraPx;            // FromOneVertebra: the one pointed at (frame px)...
  std::string label;                 // ...and its name; the others are found and counted
  std::vector<LevelMarker> markers;  // Markers: every marker, placed and named by the user
  LevelCounting counting = LevelCounting::Invalid;
  int lumbarCount = kUsualLumbarCount;
};

// The level markers as followed into one frame.
struct LevelState {
  std::vector<LevelMarker> markers;  // head to foot
  LevelCounting counting = LevelCounting::Invalid;
  int lumbarCount = kUsualLumbarCount;
  std::string problem;    // why the last request was not taken, or what was left out
  uint64_t revision = 0;  // changes with every relabelling
};

// Everything the analysis found in one frame.
struct AnalysisResult {
  ContrastResult contrast;   // carries the frame id and time
  core::FrameFormat format;  // the frame's (spacing, magnification, orientation)
  NeedleObservation needle;
  double needleMs = 0;  // time the needle detection took
  LevelState levels;
  double levelsMs = 0;  // time the level tracking took
};
using ResultRef = std::shared_ptr<const AnalysisResult>;

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
  void applyLevels(const LevelRequest& request, const core::Frame& frame, const cv::Mat& binned,
                   int binning, const NeedleObservation& needle);

  core::FrameHub& hub_;
  ContrastAnalyzer analyzer_;
  NeedleDetector needle_;
  Sink sink_;
  core::LatestSlot<ResultRef> results_;
  std::atomic<uint64_t> analysed_{0};
  std::atomic<bool> remask_{false};
  std::mutex settingsMutex_;
  std::optional<SubtractionSettings> pendingSubtraction_;  // guarded by settingsMutex_
  std::optional<LevelRequest> pendingLevels_;              // guarded by settingsMutex_
  LevelTracker levels_;
  LevelState levelState_;
  std::jthread thread_;
};

}  // namespace fg::guidance
