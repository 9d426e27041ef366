#pragma once
// Pulsed fluoroscopy at 3.75-15 pulses/s reaches a 30-60 Hz video output as the same image
// repeated until the next pulse. A repeat is a new picture whose mean absolute difference from
// the previous image, on a sparse grid and in 8-bit grey levels, stays under a threshold. Video
// noise on a repeat is a fraction of a grey level; a new pulse brings fresh quantum noise of
// several levels, so the default threshold sits between them.

#include <cstdint>
#include <span>

#include "core/FrameFormat.hpp"

namespace fg::capture {

inline constexpr double kDefaultRepeatThresholdGrey = 0.5;

// Mean absolute difference in 8-bit grey levels, sampled every `step` pixels in x and y.
double meanAbsDifferenceGrey(const core::FrameFormat& format, std::span<const uint8_t> a,
                             std::span<const uint8_t> b, int step);

class RepeatDetector {
 public:
  explicit RepeatDetector(double thresholdGrey = kDefaultRepeatThresholdGrey)
      : thresholdGrey_(thresholdGrey) {}
  bool isRepeat(const core::FrameFormat& format, std::span<const uint8_t> previous,
                std::span<const uint8_t> candidate) const;
  double thresholdGrey() const { return thresholdGrey_; }

 private:
  double thresholdGrey_;
};

}  // namespace fg::capture
