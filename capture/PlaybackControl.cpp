#include "capture/PlaybackControl.hpp"

#include <algorithm>

namespace fg::capture {
namespace {
using std::chrono::nanoseconds;
constexpr nanoseconds kNominalPeriod{66'666'667};  // 15 frames/s
constexpr nanoseconds kLongestPeriod{1'000'000'000};

bool startsSegment(const ReplayTimeline& timeline, size_t index) {
  return std::any_of(timeline.segments.begin(), timeline.segments.end(),
                     [index](const ReplayTimeline::Segment& s) { return s.firstIndex == index; });
}
}  // namespace

PlaybackControl::PlaybackControl(std::vector<int64_t> frameTimesNs, ReplayTimeline timeline,
                                 std::shared_ptr<const std::atomic<size_t>> prepared)
    : timesNs_(std::move(frameTimesNs)),
      timeline_(std::move(timeline)),
      prepared_(std::move(prepared)) {
  state_.frameCount = timesNs_.size();
  state_.playing = true;
  secondsAt_.resize(timesNs_.size(), 0.0);
  for (size_t i = 1; i < timesNs_.size(); ++i)
    secondsAt_[i] = secondsAt_[i - 1] + static_cast<double>(periodBefore(i).count()) * 1e-9;
}

nanoseconds PlaybackControl::periodBefore(size_t index) const {
  if (index == 0 || index >= timesNs_.size() || startsSegment(timeline_, index))
    return kNominalPeriod;
  const nanoseconds recorded{timesNs_[index] - timesNs_[index - 1]};
  if (recorded <= nanoseconds::zero()) return kNominalPeriod;
  return std::min(recorded, kLongestPeriod);  // a pause in recording is not replayed as a wait
}

void PlaybackControl::setPlaying(bool playing) {
  {
    std::lock_guard lock(mutex_);
    if (playing && !state_.playing) {
      shownAt_ = Clock::now();  // the next frame is due one period from now, not at once
      if (state_.position + 1 >= static_cast<int64_t>(timesNs_.size())) pendingJump_ = 0;
    }
    state_.playing = playing;
  }
  changed_.notify_all();
}

void PlaybackControl::setLoop(bool loop) {
  {
    std::lock_guard lock(mutex_);
    state_.loop = loop;
  }
  changed_.notify_all();
}

void PlaybackControl::setSpeed(double speed) {
  std::lock_guard lock(mutex_);
  state_.speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
}

void PlaybackControl::step(int frames) {
  if (timesNs_.empty()) return;
  {
    std::lock_guard lock(mutex_);
    state_.playing = false;
    const int64_t from = pendingJump_ ? static_cast<int64_t>(*pendingJump_) : state_.position;
    pendingJump_ = static_cast<size_t>(
        std::clamp<int64_t>(from + frames, 0, static_cast<int64_t>(timesNs_.size()) - 1));
  }
  changed_.notify_all();
}

void PlaybackControl::seek(size_t index) {
  if (timesNs_.empty()) return;
  {
    std::lock_guard lock(mutex_);
    pendingJump_ = std::min(index, timesNs_.size() - 1);
  }
  changed_.notify_all();
}

PlaybackState PlaybackControl::state() const {
  std::lock_guard lock(mutex_);
  PlaybackState state = state_;
  state.framesPrepared = prepared_ ? prepared_->load() : state.frameCount;
  return state;
}

double PlaybackControl::secondsAt(size_t index) const {
  return secondsAt_.empty() ? 0.0 : secondsAt_[std::min(index, secondsAt_.size() - 1)];
}

std::optional<size_t> PlaybackControl::take(size_t index, Clock::time_point shownAt) {
  state_.position = static_cast<int64_t>(index);
  shownAt_ = shownAt;
  return index;
}

std::optional<size_t> PlaybackControl::waitForNext(nanoseconds maxWait) {
  const Clock::time_point deadline = Clock::now() + maxWait;
  std::unique_lock lock(mutex_);
  while (true) {
    const Clock::time_point now = Clock::now();
    if (pendingJump_) {
      const size_t index = *pendingJump_;
      pendingJump_.reset();
      return take(index, now);
    }
    std::optional<Clock::time_point> due;
    size_t next = static_cast<size_t>(state_.position + 1);
    if (state_.playing && !timesNs_.empty()) {
      if (next >= timesNs_.size()) {
        if (state_.loop) {
          next = 0;
        } else {
          state_.playing = false;  // held on the last frame
        }
      }
      if (state_.playing) {
        const auto period =
            std::chrono::duration_cast<nanoseconds>(periodBefore(next) / state_.speed);
        due = state_.position < 0 ? now : shownAt_ + period;
      }
    }
    if (due && now >= *due) {
      // Keep the recorded cadence (no drift), unless the machine fell a whole frame behind.
      return take(next, now - *due > nanoseconds(periodBefore(next)) ? now : *due);
    }
    if (now >= deadline) return std::nullopt;
    changed_.wait_until(lock, due ? std::min(*due, deadline) : deadline);
  }
}

}  // namespace fg::capture
