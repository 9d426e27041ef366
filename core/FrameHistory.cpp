#include "core/FrameHistory.hpp"

#include <cassert>

namespace fg::core {

FrameHistory::FrameHistory(size_t capacity) : ring_(capacity) {
  assert(capacity > 0 && "FrameHistory needs room for at least one frame");
}

const FrameRef& FrameHistory::at(size_t logicalIndex) const {
  return ring_[(head_ + logicalIndex) % ring_.size()];
}

void FrameHistory::push(FrameRef frame) {
  assert(frame && "push a published frame");
  {
    std::lock_guard lock(mutex_);
    assert((count_ == 0 || frame->id() > at(count_ - 1)->id()) && "frame ids must increase");
    if (count_ == ring_.size()) {
      // Swap the evicted reference out so it is released after the lock.
      std::swap(ring_[head_], frame);
      head_ = (head_ + 1) % ring_.size();
      ++evicted_;
    } else {
      std::swap(ring_[(head_ + count_) % ring_.size()], frame);
      ++count_;
    }
  }
}

FrameHistory::Lookup FrameHistory::find(uint64_t id) const {
  std::lock_guard lock(mutex_);
  if (count_ == 0 || id > at(count_ - 1)->id()) return {HistoryLookup::NotYetCaptured, {}};
  if (id < at(0)->id()) return {HistoryLookup::Evicted, {}};
  // Ids increase with gaps only where frames were dropped: binary search.
  size_t lo = 0, hi = count_;
  while (lo < hi) {
    const size_t mid = (lo + hi) / 2;
    if (at(mid)->id() < id) lo = mid + 1; else hi = mid;
  }
  if (lo < count_ && at(lo)->id() == id) return {HistoryLookup::Found, at(lo)};
  return {HistoryLookup::Dropped, {}};
}

size_t FrameHistory::size() const {
  std::lock_guard lock(mutex_);
  return count_;
}

uint64_t FrameHistory::newestId() const {
  std::lock_guard lock(mutex_);
  return count_ == 0 ? 0 : at(count_ - 1)->id();
}

uint64_t FrameHistory::evicted() const {
  std::lock_guard lock(mutex_);
  return evicted_;
}

}  // namespace fg::core
