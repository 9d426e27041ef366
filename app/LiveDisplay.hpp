#pragma once
// Main-thread view of the live stream: which frame is on screen, how old it is, whether the picture
// is live or held, and the capture->present latency of each frame shown. Shared by the window,
// the headless mode and the bench, so they measure the same thing.

#include <string>

#include "capture/CaptureThread.hpp"
#include "core/Clock.hpp"
#include "core/LatencyStats.hpp"
#include "core/LatestSlot.hpp"
#include "render/ImageAnnotations.hpp"

namespace fg::app {

// Rate of a counter that only grows (frames published, frames shown), sampled on the main thread.
class CounterRate {
 public:
  void sample(uint64_t count, int64_t nowNs);
  double perSecond() const { return perSecond_; }

 private:
  uint64_t lastCount_ = 0;
  int64_t lastNs_ = core::kNoTimeNs;
  double perSecond_ = 0;
};

class LiveDisplay {
 public:
  explicit LiveDisplay(core::Clock& clock) : clock_(clock) {}

  // Takes the newest frame when it is newer than the one shown; true when one arrived.
  bool poll(core::LatestSlot<core::FrameRef>& slot);
  bool waitAndPoll(core::LatestSlot<core::FrameRef>& slot, int64_t timeoutNs);
  const core::FrameRef& frame() const { return frame_; }
  bool presentPending() const { return presentPending_; }

  // The shown frame has reached the screen (after the swap, or glFinish offscreen): records its
  // capture->present latency, once per frame.
  void markPresented();

  // What the picture on screen is: live, held (no new pulse), ended or lost.
  render::StreamMark streamMark(const capture::CaptureStats& stats, const capture::SourceInfo& info,
                                const std::string& lastError) const;

  core::LatencySummary latency() const { return latency_.summary(); }
  uint64_t framesShown() const { return framesShown_; }
  void reset();
  // The image on screen is let go and not taken again: only a newer one is shown (a new case
  // must not show the previous patient's last image).
  void dropShown();

 private:
  core::Clock& clock_;
  core::FrameRef frame_;
  uint64_t seenSequence_ = 0;
  bool presentPending_ = false;
  uint64_t framesShown_ = 0;
  core::LatencyStats latency_{2048};
};

}  // namespace fg::app
