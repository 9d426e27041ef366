#include "capture/CaptureThread.hpp"

#include <spdlog/spdlog.h>

#include "core/ThreadName.hpp"

namespace fg::capture {
namespace {

// History, both newest-frame slots, the consumers' current frames, the repeat reference and the
// frame being filled.
constexpr size_t kFramesBeyondHistory = 8;

RepeatPolicy resolve(RepeatPolicy policy, const SourceInfo& info) {
  if (policy != RepeatPolicy::Invalid) return policy;
  return info.deliversRepeats ? RepeatPolicy::Skip : RepeatPolicy::Keep;
}

}  // namespace

const char* toString(CaptureState state) {
  switch (state) {
    case CaptureState::Idle: return "idle";
    case CaptureState::Running: return "running";
    case CaptureState::Reopening: return "reopening";
    case CaptureState::EndOfStream: return "end of stream";
    case CaptureState::Failed: return "failed";
    case CaptureState::Stopped: return "stopped";
    case CaptureState::Invalid: break;
  }
  return "invalid";
}

CaptureThread::CaptureThread(std::unique_ptr<FrameSource> source, core::FrameHub& hub,
                             core::Clock& clock, const CaptureConfig& config)
    : source_(std::move(source)),
      hub_(hub),
      clock_(clock),
      config_(config),
      repeatDetector_(config.repeatThresholdGrey),
      pool_(config.poolFrames > 0 ? config.poolFrames : hub.history.capacity() + kFramesBeyondHistory,
            source_->info().format.byteCount()) {
  assert(source_->info().format.valid() && "open the source before handing it to CaptureThread");
  config_.repeats = resolve(config.repeats, source_->info());
  core::FramePool scratchPool(1, source_->info().format.byteCount());
  scratch_ = scratchPool.acquire();  // keeps its one-frame storage alive after the pool object
  scratch_.setFormat(source_->info().format);
}

CaptureThread::~CaptureThread() { stop(); }

void CaptureThread::start() {
  assert(!thread_.joinable() && "CaptureThread::start called twice");
  state_ = CaptureState::Running;
  thread_ = std::jthread([this](std::stop_token stop) { run(stop); });
}

void CaptureThread::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

bool CaptureThread::finished() const {
  const CaptureState s = state_.load();
  return s == CaptureState::EndOfStream || s == CaptureState::Failed || s == CaptureState::Stopped;
}

CaptureStats CaptureThread::stats() const {
  CaptureStats s;
  s.state = state_.load();
  s.imagesRead = imagesRead_.load();
  s.framesPublished = published_.load();
  s.droppedPoolEmpty = dropped_.load();
  s.repeatsSkipped = repeats_.load();
  s.readFailures = failures_.load();
  s.reopenAttempts = reopens_.load();
  s.loops = loops_.load();
  return s;
}

std::string CaptureThread::lastError() const {
  std::lock_guard lock(errorMutex_);
  return lastError_;
}

void CaptureThread::setError(const std::string& message) {
  std::lock_guard lock(errorMutex_);
  lastError_ = message;
}

void CaptureThread::run(std::stop_token stop) {
  core::setCurrentThreadName("fg-capture");
  nextDeadlineNs_ = clock_.nowNs();
  while (!stop.stop_requested() && state_.load() == CaptureState::Running) step(stop);
  if (state_.load() == CaptureState::Running) state_ = CaptureState::Stopped;
  previous_.reset();
  const CaptureStats s = stats();
  spdlog::info("capture: {} {}: {} images, {} published, {} dropped (pool empty), {} repeats "
               "skipped, {} read failures, {} reopen attempts",
               source_->info().description, toString(s.state), s.imagesRead, s.framesPublished,
               s.droppedPoolEmpty, s.repeatsSkipped, s.readFailures, s.reopenAttempts);
}

void CaptureThread::step(std::stop_token stop) {
  const SourceInfo& info = source_->info();
  if (info.pacing == Pacing::FramePeriod) {
    if (!clock_.sleepUntilNs(nextDeadlineNs_, stop)) return;
    nextDeadlineNs_ += info.framePeriodNs;
    // After a stall, start afresh rather than bursting to catch up.
    const int64_t now = clock_.nowNs();
    if (nextDeadlineNs_ < now - info.framePeriodNs) nextDeadlineNs_ = now;
  }

  core::FrameWriter writer = pool_.acquire();
  if (writer) writer.setFormat(info.format);
  const std::span<uint8_t> target = writer ? writer.bytes() : scratch_.bytes();
  const ReadResult result = source_->read(target);

  switch (result.status) {
    case ReadStatus::Frame: break;
    case ReadStatus::NotReady: return;
    case ReadStatus::EndOfStream:
      if (config_.atEnd == EndPolicy::Loop) {
        if (auto status = source_->rewind(); status) {
          ++loops_;
          ++epoch_;  // the timeline starts again
          return;
        } else {
          setError(status.message());
          spdlog::error("capture: {}", status.message());
          state_ = CaptureState::Failed;
          return;
        }
      }
      state_ = CaptureState::EndOfStream;
      return;
    case ReadStatus::Failed:
      ++failures_;
      setError(source_->lastError());
      spdlog::error("capture: {}", source_->lastError());
      if (!recover(stop)) state_ = stop.stop_requested() ? CaptureState::Stopped : CaptureState::Failed;
      return;
    case ReadStatus::Invalid:
      assert(false && "FrameSource::read returned ReadStatus::Invalid");
      return;
  }

  const int64_t arrivalNs = clock_.nowNs();
  if (config_.repeats == RepeatPolicy::Skip && previous_ &&
      repeatDetector_.isRepeat(info.format, previous_->bytes(), target)) {
    ++repeats_;
    return;  // the writer returns to the pool
  }
  const uint64_t id = nextId_++;
  ++imagesRead_;
  if (config_.maxImages > 0 && imagesRead_.load() >= config_.maxImages) state_ = CaptureState::EndOfStream;
  if (!writer) {
    ++dropped_;
    return;
  }
  if (result.jumped) ++epoch_;
  writer.stamp(id, result.deviceNs, arrivalNs, epoch_);
  core::FrameRef frame = std::move(writer).publish();
  hub_.publish(frame);
  previous_ = std::move(frame);
  ++published_;
}

// Live devices come back (cable re-plugged, C-arm rebooted); files do not.
bool CaptureThread::recover(std::stop_token stop) {
  if (!source_->info().canReopen) return false;
  state_ = CaptureState::Reopening;
  previous_.reset();
  while (!stop.stop_requested()) {
    if (!clock_.sleepUntilNs(clock_.nowNs() + config_.reopenIntervalNs, stop)) break;
    ++reopens_;
    if (auto status = source_->reopen(); status) {
      spdlog::info("capture: {} is back", source_->info().description);
      state_ = CaptureState::Running;
      nextDeadlineNs_ = clock_.nowNs();
      return true;
    } else {
      setError(status.message());
    }
  }
  return false;
}

}  // namespace fg::capture
