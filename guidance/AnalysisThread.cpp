#include "guidance/AnalysisThread.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/ThreadName.hpp"

namespace fg::guidance {

namespace {
constexpr std::chrono::milliseconds kWait{100};  // a few frame periods at the slowest pulse rates
}

AnalysisThread::AnalysisThread(core::FrameHub& hub, AnalyzerSettings settings, Sink sink)
    : hub_(hub), analysis_(settings), sink_(std::move(sink)) {}

AnalysisThread::~AnalysisThread() { stop(); }

void AnalysisThread::start() {
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void AnalysisThread::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

void AnalysisThread::setSubtraction(const SubtractionSettings& settings) {
  std::lock_guard lock(settingsMutex_);
  pendingSubtraction_ = settings;
}

void AnalysisThread::requestLevels(LevelRequest request) {
  std::lock_guard lock(settingsMutex_);
  pendingLevels_ = std::move(request);
}

uint64_t AnalysisThread::framesSkipped() const { return hub_.analysis.overwritten(); }

void AnalysisThread::run(std::stop_token stop) {
  core::setCurrentThreadName("fg-analysis");
  uint64_t seen = 0;
  uint64_t failures = 0;
  while (!stop.stop_requested()) {
    auto item = hub_.analysis.waitNewerThan(seen, kWait);
    if (!item) continue;
    seen = item->sequence;
    if (remask_.exchange(false)) analysis_.remask();
    std::optional<SubtractionSettings> subtraction;
    std::optional<LevelRequest> levelRequest;
    {
      std::lock_guard lock(settingsMutex_);
      subtraction.swap(pendingSubtraction_);
      levelRequest.swap(pendingLevels_);
    }
    if (subtraction) analysis_.setSubtraction(*subtraction);
    try {
      std::shared_ptr<AnalysisResult> result = analysis_.analyse(*item->value, &levelRequest);
      if (levelRequest) {
        // No image to label on: the request waits for the next frame (unless a newer one came).
        std::lock_guard lock(settingsMutex_);
        if (!pendingLevels_) pendingLevels_ = std::move(levelRequest);
      }
      const ContrastResult& c = result->contrast;
      if (!c.status.isOk() && failures++ == 0) spdlog::warn("analysis: {}", c.status.message());
      if (sink_) sink_(*result);
      results_.publish(std::move(result));
      ++analysed_;
    } catch (const std::exception& e) {
      // A bug or an OpenCV error must not take the workstation down: report it and go on.
      if (failures++ == 0)
        spdlog::error("analysis: frame {} failed: {}", item->value->id(), e.what());
    }
  }
  spdlog::info("analysis: {} frames analysed, {} skipped (newer frame arrived), {} problems",
               analysed_.load(), framesSkipped(), failures);
}

}  // namespace fg::guidance
