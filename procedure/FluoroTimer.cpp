#include "procedure/FluoroTimer.hpp"

#include <cstdio>

namespace fg::procedure {

void FluoroTimer::onImage(int64_t arrivalNs) {
  if (seenImage_) {
    const int64_t gap = arrivalNs - lastImageNs_;
    if (gap > 0 && gap <= maxGapNs_) beamOnNs_ += gap;
  }
  seenImage_ = true;
  lastImageNs_ = arrivalNs;
  // Every multiple of the alarm interval crossed raises the alarm once.
  while (beamOnNs_ >= static_cast<int64_t>(alarmsRaised_ + 1) * alarmEveryNs_) {
    ++alarmsRaised_;
    alarmStanding_ = true;
  }
}

std::string FluoroTimer::minutesAndTenths() const {
  const int64_t tenths = beamOnNs_ / 6'000'000'000;  // tenths of a minute, rounded down
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%lld", static_cast<long long>(tenths / 10),
                static_cast<long long>(tenths % 10));
  return text;
}

void FluoroTimer::reset() {
  beamOnNs_ = 0;
  seenImage_ = false;
  alarmsRaised_ = 0;
  alarmStanding_ = false;
}

void FluoroTimer::restore(int64_t beamOnNs, int alarmsRaised, bool standing) {
  beamOnNs_ = beamOnNs;
  alarmsRaised_ = alarmsRaised;
  alarmStanding_ = standing;
}

}  // namespace fg::procedure
