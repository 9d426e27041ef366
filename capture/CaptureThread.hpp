#pragma once
// Runs one FrameSource on its own thread ("fg-capture"): read into a pooled frame, stamp, publish
// to the FrameHub. The thread never waits for a consumer and never allocates once started:
// when the pool is dry the image is read into a scratch frame, dropped and counted. Frame ids
// count every new image, so a drop leaves a visible gap in the id sequence. Repeated video frames
// (between X-ray pulses) are not new images: they get no id and are counted separately.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "capture/FrameSource.hpp"
#include "capture/RepeatDetector.hpp"
#include "core/Clock.hpp"
#include "core/FrameHub.hpp"
#include "core/FramePool.hpp"

namespace fg::capture {

enum class RepeatPolicy : uint8_t { Invalid = 0, Keep, Skip };
enum class EndPolicy : uint8_t { Invalid = 0, Stop, Loop };

struct CaptureConfig {
  size_t poolFrames = 0;  // 0 = the hub's history capacity plus room for the consumers
  RepeatPolicy repeats = RepeatPolicy::Invalid;  // Invalid = Skip for video signals, Keep otherwise
  double repeatThresholdGrey = kDefaultRepeatThresholdGrey;
  EndPolicy atEnd = EndPolicy::Stop;
  int64_t reopenIntervalNs = 1'000'000'000;
  uint64_t maxImages = 0;  // stop (as end of stream) after this many new images; 0 = no limit
};

enum class CaptureState : uint8_t { Invalid = 0, Idle, Running, Reopening, EndOfStream, Failed, Stopped };
const char* toString(CaptureState state);

// A consistent-enough snapshot of the counters (each one exact, read one after another).
struct CaptureStats {
  CaptureState state = CaptureState::Invalid;
  uint64_t imagesRead = 0;       // new images from the source (ids handed out)
  uint64_t framesPublished = 0;
  uint64_t droppedPoolEmpty = 0;
  uint64_t repeatsSkipped = 0;
  uint64_t readFailures = 0;
  uint64_t reopenAttempts = 0;
  uint64_t loops = 0;
};

class CaptureThread {
 public:
  CaptureThread(std::unique_ptr<FrameSource> source, core::FrameHub& hub, core::Clock& clock,
                const CaptureConfig& config);
  ~CaptureThread();  // stops and joins
  CaptureThread(const CaptureThread&) = delete;
  CaptureThread& operator=(const CaptureThread&) = delete;

  void start();
  void stop();
  bool finished() const;  // EndOfStream, Failed or Stopped

  const SourceInfo& sourceInfo() const { return source_->info(); }
  // The replay's controls when the source is an interactive replay; null otherwise.
  std::shared_ptr<PlaybackControl> playback() const { return source_->playback(); }
  CaptureStats stats() const;
  std::string lastError() const;

 private:
  void run(std::stop_token stop);
  void step(std::stop_token stop);
  bool recover(std::stop_token stop);
  void setError(const std::string& message);

  std::unique_ptr<FrameSource> source_;
  core::FrameHub& hub_;
  core::Clock& clock_;
  CaptureConfig config_;
  RepeatDetector repeatDetector_;
  core::FramePool pool_;
  core::FrameWriter scratch_;  // target for images that must be read and dropped
  core::FrameRef previous_;    // last published, for repeat detection
  uint64_t nextId_ = 1;
  uint32_t epoch_ = 0;  // capture thread only: the timeline restarts (a loop, a seek)
  int64_t nextDeadlineNs_ = 0;

  std::atomic<CaptureState> state_{CaptureState::Idle};
  std::atomic<uint64_t> imagesRead_{0}, published_{0}, dropped_{0}, repeats_{0}, failures_{0},
      reopens_{0}, loops_{0};
  mutable std::mutex errorMutex_;
  std::string lastError_;
  std::jthread thread_;
};

}  // namespace fg::capture
