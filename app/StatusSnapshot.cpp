#include "app/StatusSnapshot.hpp"

namespace fg::app {

StatusSnapshot StatusTracker::take(LivePipeline* pipeline, const LiveDisplay& display, int64_t nowNs) {
  StatusSnapshot s;
  s.latency = display.latency();
  s.framesShown = display.framesShown();
  out_.sample(display.framesShown(), nowNs);
  s.framesOutPerSecond = out_.perSecond();
  if (!pipeline) return s;
  s.hasSource = true;
  s.source = pipeline->sourceInfo().description;
  s.format = pipeline->sourceInfo().format;
  s.capture = pipeline->capture().stats();
  s.captureError = pipeline->capture().lastError();
  in_.sample(s.capture.framesPublished, nowNs);
  s.framesInPerSecond = in_.perSecond();
  s.displayOverwritten = pipeline->hub().display.overwritten();
  s.historyEvicted = pipeline->hub().history.evicted();
  s.stream = display.streamMark(s.capture, pipeline->sourceInfo(), s.captureError);
  return s;
}

}  // namespace fg::app
