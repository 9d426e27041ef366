#include "guidance/AnalysisThread.hpp"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/ThreadName.hpp"
#include "guidance/VertebraFinder.hpp"

namespace fg::guidance {

namespace {
constexpr std::chrono::milliseconds kWait{100};  // a few frame periods at the slowest pulse rates
}

AnalysisThread::AnalysisThread(core::FrameHub& hub, AnalyzerSettings settings, Sink sink)
    : hub_(hub), analyzer_(settings), sink_(std::move(sink)) {}

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

void AnalysisThread::applyLevels(const LevelRequest& request, const core::Frame& frame,
                                 const cv::Mat& binned, int binning,
                                 const NeedleObservation& needle) {
  levelState_.problem.clear();
  ++levelState_.revision;
  switch (request.kind) {
    case LevelRequest::Kind::FromOneVertebra: {
      auto labelled = labelVertebrae(frame.format(), binned, binning, request.vertebraPx,
                                     request.label, request.lumbarCount);
      if (!labelled) {
        levelState_.problem = labelled.status().message();
        return;
      }
      // Markers already placed stay when they agree with the new naming (naming S1 after L3-L5
      // adds S1); when they disagree the new naming wins, and says so.
      std::string note;
      std::vector<LevelMarker> merged =
          mergeLabels(levels_.markers(), std::move(labelled.value()), frame.format().orientation,
                      request.lumbarCount, &note);
      levels_.label(frame.format(), binned, binning, std::move(merged), request.counting, &needle);
      levelState_.problem = note;
      break;
    }
    case LevelRequest::Kind::Markers:
      levels_.label(frame.format(), binned, binning, request.markers, request.counting, &needle);
      break;
    default:
      levels_.clear();
      break;
  }
  levelState_.counting = levels_.empty() ? LevelCounting::Invalid : request.counting;
  levelState_.lumbarCount = request.lumbarCount;
  const size_t asked = request.kind == LevelRequest::Kind::Markers ? request.markers.size() : 0;
  if (asked > levels_.markers().size()) {
    levelState_.problem = "markers too near the image's edge to follow were left out";
  }
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
    if (remask_.exchange(false)) analyzer_.remask();
    std::optional<SubtractionSettings> subtraction;
    std::optional<LevelRequest> levelRequest;
    {
      std::lock_guard lock(settingsMutex_);
      subtraction.swap(pendingSubtraction_);
      levelRequest.swap(pendingLevels_);
    }
    if (subtraction) analyzer_.subtractor().setSettings(*subtraction);
    try {
      auto result = std::make_shared<AnalysisResult>();
      const core::Frame& frame = *item->value;
      result->format = frame.format();
      cv::Mat binned;
      result->contrast = analyzer_.analyze(frame, &binned);
      if (binned.empty() && levelRequest) {
        // No image to label on: the request waits for the next frame (unless a newer one came).
        std::lock_guard lock(settingsMutex_);
        if (!pendingLevels_) pendingLevels_ = std::move(levelRequest);
      }
      if (!binned.empty()) {
        const auto started = std::chrono::steady_clock::now();
        result->needle = needle_.detect(frame, binned, result->contrast.binning);
        const auto needleDone = std::chrono::steady_clock::now();
        result->needleMs = std::chrono::duration<double, std::milli>(needleDone - started).count();
        if (levelRequest) {
          applyLevels(*levelRequest, frame, binned, result->contrast.binning, result->needle);
        } else if (!levels_.empty()) {
          levels_.track(binned, &result->needle);
        }
        levelState_.markers = levels_.markers();
        result->levels = levelState_;
        result->levelsMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - needleDone)
                .count();
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
