#include <catch2/catch.hpp>

#include "core/LatencyStats.hpp"

using namespace fg::core;

TEST_CASE("latency percentiles use nearest rank over the window", "[core][stats]") {
  LatencyStats stats(100);
  CHECK(stats.summary().count == 0);
  for (int i = 1; i <= 100; ++i) stats.record(i * 1'000'000);  // 1..100 ms
  const auto s = stats.summary();
  CHECK(s.count == 100);
  CHECK(s.p50Ms == Approx(50.0));
  CHECK(s.p99Ms == Approx(99.0));
  CHECK(s.maxMs == Approx(100.0));
  CHECK(s.meanMs == Approx(50.5));
  for (int i = 0; i < 100; ++i) stats.record(1'000'000);  // the window forgets old samples
  CHECK(stats.summary().p99Ms == Approx(1.0));
  CHECK(stats.totalRecorded() == 200);
}

TEST_CASE("rate meter counts events inside its window", "[core][stats]") {
  RateMeter meter(1'000'000'000);
  for (int i = 0; i < 30; ++i) meter.tick(i * 33'333'333LL);
  CHECK(meter.perSecond(1'000'000'000) == Approx(30.0).margin(1.0));
  CHECK(meter.perSecond(5'000'000'000) == Approx(0.0));
}
