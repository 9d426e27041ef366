#pragma once
// Newest-wins hand-off between one producer and any number of readers.
// Overflow policy: a value replaced before anyone took it is lost for that reader and counted in
// overwritten(). The lock only guards a swap or a copy of the value; the replaced value is
// destroyed after the lock is released (DESIGN.md convention 3).

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace fg::core {

template <class T>
class LatestSlot {
 public:
  struct Item {
    T value;
    uint64_t sequence;  // 1 for the first value ever published, +1 per publish
  };

  void publish(T value) {
    {
      std::lock_guard lock(mutex_);
      std::swap(value_, value);
      if (sequence_ > 0 && !taken_) ++overwritten_;
      taken_ = false;
      ++sequence_;
    }
    cv_.notify_all();
    // `value` now holds the replaced item and dies here, outside the lock.
  }

  // The newest value if it is newer than `seenSequence` (0 = never seen anything).
  std::optional<Item> takeNewerThan(uint64_t seenSequence) {
    std::lock_guard lock(mutex_);
    if (sequence_ <= seenSequence) return std::nullopt;
    taken_ = true;
    return Item{value_, sequence_};
  }

  // Like takeNewerThan, but waits up to `timeout` for one to arrive.
  std::optional<Item> waitNewerThan(uint64_t seenSequence, std::chrono::nanoseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, timeout, [&] { return sequence_ > seenSequence; })) return std::nullopt;
    taken_ = true;
    return Item{value_, sequence_};
  }

  uint64_t sequence() const {
    std::lock_guard lock(mutex_);
    return sequence_;
  }
  uint64_t overwritten() const {
    std::lock_guard lock(mutex_);
    return overwritten_;
  }

  // Empties the slot (for example when a source closes) without touching the counters.
  void clear() {
    T old{};
    {
      std::lock_guard lock(mutex_);
      std::swap(value_, old);
    }
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  T value_{};
  uint64_t sequence_ = 0;
  uint64_t overwritten_ = 0;
  bool taken_ = true;
};

}  // namespace fg::core
