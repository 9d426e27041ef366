#pragma once
// Where the capture thread publishes each frame, with one delivery semantic per consumer:
// the recorder takes every frame by id from the history; display and analysis take the newest.

#include "core/FrameHistory.hpp"
#include "core/LatestSlot.hpp"

namespace fg::core {

class FrameHub {
 public:
  explicit FrameHub(size_t historyCapacity) : history(historyCapacity) {}

  void publish(const FrameRef& frame) {
    history.push(frame);
    display.publish(frame);
    analysis.publish(frame);
  }

  FrameHistory history;
  LatestSlot<FrameRef> display;
  LatestSlot<FrameRef> analysis;
};

}  // namespace fg::core
