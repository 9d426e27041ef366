#pragma once
// Fluoroscopy (beam-on) time derived from the image stream, for the procedure record. FluoroGuide
// is not the X-ray control: new images arriving means the beam is on, and the time between two
// images counts as beam-on time when they are no further apart than `maxGapNs` (pulsed
// fluoroscopy at one pulse a second is still on; a longer pause is the pedal released). At every
// 5 minutes of beam-on time an alarm is raised that stands until acknowledged; it pauses with the
// beam. Times are injected (ns of one steady clock): no clock of its own, so tests are exact.

#include <cstdint>
#include <string>

namespace fg::procedure {

class FluoroTimer {
 public:
  static constexpr int64_t kDefaultMaxGapNs = 1'000'000'000;
  static constexpr int64_t kAlarmEveryNs = 300'000'000'000;  // 5 minutes (21 CFR 1020.32)

  explicit FluoroTimer(int64_t maxGapNs = kDefaultMaxGapNs, int64_t alarmEveryNs = kAlarmEveryNs)
      : maxGapNs_(maxGapNs), alarmEveryNs_(alarmEveryNs) {}

  // A new image (not a repeat of the last) arrived at `arrivalNs`.
  void onImage(int64_t arrivalNs);
  int64_t beamOnNs() const { return beamOnNs_; }
  bool beamOn(int64_t nowNs) const { return seenImage_ && nowNs - lastImageNs_ <= maxGapNs_; }
  // "3.4" (minutes and tenths, rounded down: the display never runs ahead of the time).
  std::string minutesAndTenths() const;

  bool alarmStanding() const { return alarmStanding_; }
  int alarmsRaised() const { return alarmsRaised_; }
  // The beam-on time at which the standing (or last) alarm was raised, a multiple of 5 minutes.
  int64_t alarmAtBeamOnNs() const { return static_cast<int64_t>(alarmsRaised_) * alarmEveryNs_; }
  void acknowledge() { alarmStanding_ = false; }
  // A new procedure: back to zero, no alarm.
  void reset();
  // Reopening a case: the beam-on time and alarms it had recorded.
  void restore(int64_t beamOnNs, int alarmsRaised, bool standing);

 private:
  int64_t maxGapNs_;
  int64_t alarmEveryNs_;
  int64_t beamOnNs_ = 0;
  int64_t lastImageNs_ = 0;
  bool seenImage_ = false;
  int alarmsRaised_ = 0;
  bool alarmStanding_ = false;
};

}  // namespace fg::procedure
