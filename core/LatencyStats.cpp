#include "core/LatencyStats.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>

#include "core/Clock.hpp"

namespace fg::core {

LatencyStats::LatencyStats(size_t windowSamples) : samples_(windowSamples) {
  assert(windowSamples > 0 && "LatencyStats needs a window of at least one sample");
}

void LatencyStats::record(int64_t latencyNs) {
  samples_[next_] = latencyNs;
  next_ = (next_ + 1) % samples_.size();
  ++total_;
}

void LatencyStats::clear() {
  next_ = 0;
  total_ = 0;
}

LatencySummary LatencyStats::summary() const {
  LatencySummary out;
  out.count = std::min(total_, samples_.size());
  if (out.count == 0) return out;
  std::vector<int64_t> sorted(samples_.begin(), samples_.begin() + static_cast<long>(out.count));
  std::sort(sorted.begin(), sorted.end());
  // Nearest-rank percentile.
  auto rank = [&](double p) {
    const size_t r = static_cast<size_t>(std::ceil(p * static_cast<double>(out.count)));
    return sorted[std::clamp<size_t>(r, 1, out.count) - 1];
  };
  out.p50Ms = nsToMs(rank(0.50));
  out.p99Ms = nsToMs(rank(0.99));
  out.maxMs = nsToMs(sorted.back());
  out.meanMs = nsToMs(std::accumulate(sorted.begin(), sorted.end(), int64_t{0})) /
               static_cast<double>(out.count);
  return out;
}

RateMeter::RateMeter(int64_t windowNs, size_t maxEvents) : windowNs_(windowNs), times_(maxEvents) {}

void RateMeter::tick(int64_t nowNs) {
  times_[next_] = nowNs;
  next_ = (next_ + 1) % times_.size();
  count_ = std::min(count_ + 1, times_.size());
}

double RateMeter::perSecond(int64_t nowNs) const {
  size_t inWindow = 0;
  for (size_t i = 0; i < count_; ++i) {
    const size_t idx = (next_ + times_.size() - 1 - i) % times_.size();
    if (nowNs - times_[idx] > windowNs_) break;
    ++inWindow;
  }
  return static_cast<double>(inWindow) * 1e9 / static_cast<double>(windowNs_);
}

}  // namespace fg::core
