#pragma once
// Time in FluoroGuide is int64 nanoseconds on the steady (monotonic) clock unless a name says
// otherwise. Workers take a Clock so tests can inject time instead of sleeping.

#include <atomic>
#include <cstdint>
#include <limits>
#include <stop_token>

namespace fg::core {

// A time stamp that was not available (for example a source without device time).
inline constexpr int64_t kNoTimeNs = std::numeric_limits<int64_t>::min();

constexpr int64_t msToNs(double ms) { return static_cast<int64_t>(ms * 1e6); }
constexpr double nsToMs(int64_t ns) { return static_cast<double>(ns) * 1e-6; }
constexpr int64_t secondsToNs(double s) { return static_cast<int64_t>(s * 1e9); }

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t nowNs() const = 0;
  // Returns early (false) when stop is requested; true when the deadline was reached.
  virtual bool sleepUntilNs(int64_t deadlineNs, std::stop_token stop) = 0;
};

// std::chrono::steady_clock; its sleep wakes at once on a stop request.
class SteadyClock final : public Clock {
 public:
  int64_t nowNs() const override;
  bool sleepUntilNs(int64_t deadlineNs, std::stop_token stop) override;
};

// Virtual time for tests: sleeping advances the clock to the deadline immediately.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t startNs = 0) : nowNs_(startNs) {}
  int64_t nowNs() const override { return nowNs_.load(); }
  bool sleepUntilNs(int64_t deadlineNs, std::stop_token stop) override;
  void advanceNs(int64_t deltaNs) { nowNs_ += deltaNs; }

 private:
  std::atomic<int64_t> nowNs_;
};

// The process-wide steady clock, for code that does not need injection (UI, logging).
SteadyClock& steadyClock();

}  // namespace fg::core
