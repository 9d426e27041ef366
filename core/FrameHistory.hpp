#pragma once
// Bounded ring of the most recent frames, in id order, looked up by id (the recorder takes every
// frame through it). Overflow policy: the oldest frame is evicted and counted.

#include <cstdint>
#include <mutex>
#include <vector>

#include "core/Frame.hpp"

namespace fg::core {

enum class HistoryLookup : uint8_t {
  Invalid = 0,
  Found,
  NotYetCaptured,  // id newer than anything captured so far
  Evicted,         // id older than the oldest frame still held
  Dropped,         // inside the held range, but never published (dropped at capture)
};

class FrameHistory {
 public:
  explicit FrameHistory(size_t capacity);

  struct Lookup {
    HistoryLookup status = HistoryLookup::Invalid;
    FrameRef frame;
  };

  // Ids must increase; a frame with an id not above the newest is a programmer error.
  void push(FrameRef frame);
  Lookup find(uint64_t id) const;
  size_t capacity() const { return ring_.size(); }
  size_t size() const;
  uint64_t newestId() const;  // 0 when empty
  uint64_t evicted() const;

 private:
  const FrameRef& at(size_t logicalIndex) const;  // 0 = oldest; mutex held by caller

  mutable std::mutex mutex_;
  std::vector<FrameRef> ring_;
  size_t head_ = 0;   // physical index of the oldest frame
  size_t count_ = 0;
  uint64_t evicted_ = 0;
};

}  // namespace fg::core
