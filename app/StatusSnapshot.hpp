#pragma once
// Everything the status bar and the run statistics report, copied once per UI frame so panels
// never lock or query threads while drawing.

#include <string>

#include "app/LiveDisplay.hpp"
#include "app/LivePipeline.hpp"

namespace fg::app {

struct StatusSnapshot {
  bool hasSource = false;
  std::string source;       // description, never patient data
  core::FrameFormat format;
  capture::CaptureStats capture;
  std::string captureError;
  double framesInPerSecond = 0;
  double framesOutPerSecond = 0;
  uint64_t displayOverwritten = 0;  // frames the display never showed (newest wins)
  uint64_t historyEvicted = 0;
  core::LatencySummary latency;     // capture -> present
  uint64_t framesShown = 0;
  render::StreamMark stream;
};

class StatusTracker {
 public:
  // `pipeline` may be null (no source open).
  StatusSnapshot take(LivePipeline* pipeline, const LiveDisplay& display, int64_t nowNs);

 private:
  CounterRate in_;
  CounterRate out_;
};

}  // namespace fg::app
