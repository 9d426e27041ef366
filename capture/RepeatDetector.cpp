#include "capture/RepeatDetector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace fg::capture {
namespace {

template <class Pixel>
double sumAbsDiff(const core::FrameFormat& f, const uint8_t* a, const uint8_t* b, int step,
                  size_t* samples) {
  uint64_t sum = 0;
  size_t n = 0;
  for (int y = step / 2; y < f.height; y += step) {
    const auto* ra = reinterpret_cast<const Pixel*>(a + f.bytesPerRow() * y);
    const auto* rb = reinterpret_cast<const Pixel*>(b + f.bytesPerRow() * y);
    for (int x = step / 2; x < f.width; x += step) {
      sum += static_cast<uint64_t>(std::abs(static_cast<int>(ra[x]) - static_cast<int>(rb[x])));
      ++n;
    }
  }
  *samples = n;
  return static_cast<double>(sum);
}

}  // namespace

double meanAbsDifferenceGrey(const core::FrameFormat& format, std::span<const uint8_t> a,
                             std::span<const uint8_t> b, int step) {
  step = std::max(step, 1);
  size_t samples = 0;
  double sum = 0.0;
  double toGrey8 = 1.0;
  if (format.pixelFormat == core::PixelFormat::Gray16) {
    sum = sumAbsDiff<uint16_t>(format, a.data(), b.data(), step, &samples);
    toGrey8 = 255.0 / static_cast<double>(format.maxValue());
  } else {
    sum = sumAbsDiff<uint8_t>(format, a.data(), b.data(), step, &samples);
  }
  return samples == 0 ? 0.0 : sum * toGrey8 / static_cast<double>(samples);
}

bool RepeatDetector::isRepeat(const core::FrameFormat& format, std::span<const uint8_t> previous,
                              std::span<const uint8_t> candidate) const {
  // About 16k samples whatever the size: cheap next to the copy, and enough to see fresh noise.
  const int step = std::max(1, static_cast<int>(std::sqrt(
                                   static_cast<double>(format.width) * format.height / 16384.0)));
  return meanAbsDifferenceGrey(format, previous, candidate, step) < thresholdGrey_;
}

}  // namespace fg::capture
