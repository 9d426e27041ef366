#pragma once
// The user's hold on a replay: play, pause, step, seek, speed and loop, shared between the UI (main
// thread) and the replay source's read() on the capture thread. Frames are due at the times they
// were recorded (divided by the speed); a seek or a step shows its frame at once, paused or not.
// Thread-safe.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "capture/FrameSequence.hpp"

namespace fg::capture {

struct PlaybackState {
  bool playing = false;
  bool loop = true;
  double speed = 1.0;
  int64_t position = -1;  // index of the frame on screen; -1 before the first
  size_t frameCount = 0;
  size_t framesPrepared = 0;  // decoded and ready to show at once (all, unless a cache fills)
};

class PlaybackControl {
 public:
  static constexpr double kMinSpeed = 0.1, kMaxSpeed = 8.0;
  // `frameTimesNs`: each frame's recorded time; `timeline`: runs and ids for the UI; `prepared`:
  // the sequence's count of frames ready at once (null: all).
  PlaybackControl(std::vector<int64_t> frameTimesNs, ReplayTimeline timeline,
                  std::shared_ptr<const std::atomic<size_t>> prepared = nullptr);

  // Main thread (the panel).
  void setPlaying(bool playing);
  void setLoop(bool loop);
  void setSpeed(double speed);  // clamped to [kMinSpeed, kMaxSpeed]
  void step(int frames);        // pauses, then moves by `frames` (clamped to the ends)
  void seek(size_t index);      // keeps playing or paused
  PlaybackState state() const;
  const ReplayTimeline& timeline() const { return timeline_; }
  // Seconds from the first frame to frame `index` along the timeline.
  double secondsAt(size_t index) const;

  // Capture thread: waits until a frame is due or a command arrives, at most `maxWait`. Returns
  // the index to show, or nothing (paused, or at the end without looping).
  std::optional<size_t> waitForNext(std::chrono::nanoseconds maxWait);

 private:
  using Clock = std::chrono::steady_clock;
  // Time from frame index-1 to frame index as recorded (a nominal period across runs' joins).
  std::chrono::nanoseconds periodBefore(size_t index) const;
  std::optional<size_t> take(size_t index, Clock::time_point shownAt);  // lock held

  const std::vector<int64_t> timesNs_;
  const ReplayTimeline timeline_;
  const std::shared_ptr<const std::atomic<size_t>> prepared_;
  std::vector<double> secondsAt_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  PlaybackState state_;
  std::optional<size_t> pendingJump_;
  Clock::time_point shownAt_{};
};

}  // namespace fg::capture
