#include <catch2/catch.hpp>

#include "procedure/FluoroTimer.hpp"

using namespace fg::procedure;

namespace {
constexpr int64_t kS = 1'000'000'000;
// Images every `periodNs` from `fromNs` for `durationNs`; returns the time after the last.
int64_t beam(FluoroTimer& t, int64_t fromNs, int64_t durationNs, int64_t periodNs) {
  int64_t at = fromNs;
  for (; at <= fromNs + durationNs; at += periodNs) t.onImage(at);
  return at;
}
}  // namespace

TEST_CASE("the 5-minute alarm rises at exactly 5:00 of beam-on time and waits for acknowledgement",
          "[procedure][timer]") {
  FluoroTimer t;
  // 4 min 59.9 s of beam at 10 images/s: no alarm yet.
  beam(t, 0, 299 * kS + 900'000'000, kS / 10);
  CHECK(t.beamOnNs() == 299 * kS + 900'000'000);
  CHECK_FALSE(t.alarmStanding());
  CHECK(t.minutesAndTenths() == "4.9");
  // The next image makes it 5:00.0.
  t.onImage(300 * kS);
  CHECK(t.beamOnNs() == 300 * kS);
  CHECK(t.alarmStanding());
  CHECK(t.alarmsRaised() == 1);
  CHECK(t.alarmAtBeamOnNs() == 300 * kS);
  CHECK(t.minutesAndTenths() == "5.0");
  // It stands while the beam goes on, until acknowledged.
  beam(t, 300 * kS + kS / 10, 10 * kS, kS / 10);
  CHECK(t.alarmStanding());
  t.acknowledge();
  CHECK_FALSE(t.alarmStanding());
  CHECK(t.alarmsRaised() == 1);
}

TEST_CASE("beam-on time pauses while no images arrive, and so does the alarm",
          "[procedure][timer]") {
  FluoroTimer t;
  // Two minutes of pulsed fluoroscopy at 7.5 pulses/s, a long pause, three more minutes.
  int64_t end = beam(t, 0, 120 * kS, kS * 2 / 15);
  const int64_t first = t.beamOnNs();
  CHECK(first >= 119 * kS);
  CHECK(first <= 120 * kS);
  CHECK(t.beamOn(end));
  CHECK_FALSE(t.beamOn(end + 5 * kS));                   // the pedal is released
  end = beam(t, end + 600 * kS, 178 * kS, kS * 2 / 15);  // ten minutes later
  // The pause counts for nothing: just under 5 minutes of beam, no alarm.
  CHECK(t.beamOnNs() < 300 * kS);
  CHECK_FALSE(t.alarmStanding());
  beam(t, end, 3 * kS, kS / 2);
  CHECK(t.beamOnNs() >= 300 * kS);
  CHECK(t.alarmStanding());
  // A new procedure starts from zero.
  t.reset();
  CHECK(t.beamOnNs() == 0);
  CHECK_FALSE(t.alarmStanding());
  CHECK(t.minutesAndTenths() == "0.0");
}

TEST_CASE("a slow pulse rate is still beam on; a second 5 minutes raises a second alarm",
          "[procedure][timer]") {
  FluoroTimer t;
  beam(t, 0, 600 * kS, kS);  // one pulse a second
  CHECK(t.beamOnNs() == 600 * kS);
  CHECK(t.alarmsRaised() == 2);
  CHECK(t.alarmAtBeamOnNs() == 600 * kS);
}
