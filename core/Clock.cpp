#include "core/Clock.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace fg::core {

int64_t SteadyClock::nowNs() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool SteadyClock::sleepUntilNs(int64_t deadlineNs, std::stop_token stop) {
  // condition_variable_any with a stop token wakes at once when the owner asks the thread to stop.
  std::mutex mutex;
  std::condition_variable_any cv;
  std::unique_lock lock(mutex);
  const auto deadline =
      std::chrono::steady_clock::time_point(std::chrono::nanoseconds(deadlineNs));
  cv.wait_until(lock, stop, deadline, [] { return false; });
  return !stop.stop_requested();
}

bool ManualClock::sleepUntilNs(int64_t deadlineNs, std::stop_token stop) {
  int64_t now = nowNs_.load();
  while (now < deadlineNs && !nowNs_.compare_exchange_weak(now, deadlineNs)) {
  }
  return !stop.stop_requested();
}

SteadyClock& steadyClock() {
  static SteadyClock clock;
  return clock;
}

}  // namespace fg::core
