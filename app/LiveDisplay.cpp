#include "app/LiveDisplay.hpp"

#include <algorithm>
#include <chrono>

namespace fg::app {

void CounterRate::sample(uint64_t count, int64_t nowNs) {
  if (lastNs_ == core::kNoTimeNs || count < lastCount_) {
    lastNs_ = nowNs;
    lastCount_ = count;
    perSecond_ = 0;
    return;
  }
  const int64_t elapsed = nowNs - lastNs_;
  if (elapsed < 500'000'000) return;  // update twice a second: steady digits
  perSecond_ = static_cast<double>(count - lastCount_) * 1e9 / static_cast<double>(elapsed);
  lastNs_ = nowNs;
  lastCount_ = count;
}

bool LiveDisplay::poll(core::LatestSlot<core::FrameRef>& slot) {
  auto item = slot.takeNewerThan(seenSequence_);
  if (!item) return false;
  seenSequence_ = item->sequence;
  frame_ = std::move(item->value);
  presentPending_ = true;
  return true;
}

bool LiveDisplay::waitAndPoll(core::LatestSlot<core::FrameRef>& slot, int64_t timeoutNs) {
  auto item = slot.waitNewerThan(seenSequence_, std::chrono::nanoseconds(timeoutNs));
  if (!item) return false;
  seenSequence_ = item->sequence;
  frame_ = std::move(item->value);
  presentPending_ = true;
  return true;
}

void LiveDisplay::markPresented() {
  if (!presentPending_ || !frame_) return;
  presentPending_ = false;
  ++framesShown_;
  latency_.record(clock_.nowNs() - frame_->arrivalNs());
}

render::StreamMark LiveDisplay::streamMark(const capture::CaptureStats& stats,
                                           const capture::SourceInfo& info,
                                           const std::string& lastError) const {
  render::StreamMark mark;
  switch (info.kind) {
    case capture::SourceKind::V4l2: mark.mode = render::StreamMode::Live; break;
    case capture::SourceKind::Simulation: mark.mode = render::StreamMode::Simulated; break;
    case capture::SourceKind::TestPattern: mark.mode = render::StreamMode::TestPattern; break;
    case capture::SourceKind::Replay: mark.mode = render::StreamMode::Replay; break;
    default: mark.mode = render::StreamMode::Playback; break;  // a video file, an image folder
  }
  if (!frame_) return mark;
  mark.ageS = static_cast<double>(clock_.nowNs() - frame_->arrivalNs()) * 1e-9;
  switch (stats.state) {
    case capture::CaptureState::Failed:
    case capture::CaptureState::Reopening:
      mark.condition = render::StreamCondition::Lost;
      mark.detail = lastError;
      return mark;
    case capture::CaptureState::EndOfStream:
    case capture::CaptureState::Stopped:
      mark.condition = render::StreamCondition::Ended;
      return mark;
    default: break;
  }
  // Pulsed fluoroscopy pauses between runs: after three frame periods (at least half a second)
  // without a new image, the picture on screen is a held one and says so.
  const double holdAfterS = std::max(0.5, 3.0 * static_cast<double>(info.framePeriodNs) * 1e-9);
  mark.condition = mark.ageS > holdAfterS ? render::StreamCondition::Held : render::StreamCondition::Live;
  return mark;
}

void LiveDisplay::dropShown() {
  frame_.reset();
  presentPending_ = false;
}

void LiveDisplay::reset() {
  frame_.reset();
  seenSequence_ = 0;
  presentPending_ = false;
  framesShown_ = 0;
  latency_.clear();
}

}  // namespace fg::app
