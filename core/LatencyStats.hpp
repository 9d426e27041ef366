#pragma once
// Percentiles over the most recent latency samples (a fixed ring: recording never allocates).
// Not thread-safe: one thread records and reads (the main thread, or the bench).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace fg::core {

struct LatencySummary {
  size_t count = 0;  // samples in the window
  double p50Ms = 0.0;
  double p99Ms = 0.0;
  double maxMs = 0.0;
  double meanMs = 0.0;
};

class LatencyStats {
 public:
  explicit LatencyStats(size_t windowSamples = 1024);
  void record(int64_t latencyNs);
  LatencySummary summary() const;  // sorts a copy; call a few times a second, not per sample
  size_t totalRecorded() const { return total_; }
  void clear();

 private:
  std::vector<int64_t> samples_;
  size_t next_ = 0;
  size_t total_ = 0;
};

// Events per second over the last `windowNs`, from a ring of event times.
class RateMeter {
 public:
  explicit RateMeter(int64_t windowNs = 1'000'000'000, size_t maxEvents = 2048);
  void tick(int64_t nowNs);
  double perSecond(int64_t nowNs) const;

 private:
  int64_t windowNs_;
  std::vector<int64_t> times_;
  size_t next_ = 0;
  size_t count_ = 0;
};

}  // namespace fg::core
