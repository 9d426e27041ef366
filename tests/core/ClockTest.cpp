#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "core/Clock.hpp"

using namespace fg::core;

TEST_CASE("manual clock jumps to the deadline instead of sleeping", "[core][clock]") {
  ManualClock clock(100);
  std::stop_source stop;
  CHECK(clock.sleepUntilNs(500, stop.get_token()));
  CHECK(clock.nowNs() == 500);
  CHECK(clock.sleepUntilNs(200, stop.get_token()));  // never goes back
  CHECK(clock.nowNs() == 500);
  clock.advanceNs(5);
  CHECK(clock.nowNs() == 505);
}

TEST_CASE("steady clock is monotonic and its sleep stops on request", "[core][clock]") {
  SteadyClock clock;
  const int64_t a = clock.nowNs();
  const int64_t b = clock.nowNs();
  CHECK(b >= a);
  std::stop_source stop;
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop.request_stop();
  });
  // An hour-long sleep must return as soon as the stop arrives.
  CHECK_FALSE(clock.sleepUntilNs(clock.nowNs() + secondsToNs(3600), stop.get_token()));
}

TEST_CASE("unit conversions", "[core][clock]") {
  CHECK(msToNs(1.5) == 1'500'000);
  CHECK(nsToMs(2'000'000) == Approx(2.0));
  CHECK(secondsToNs(2) == 2'000'000'000);
}
