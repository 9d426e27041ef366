#include "render/DisplaySettings.hpp"

#include <algorithm>
#include <vector>

namespace fg::render {

WindowLevel fullRangeWindowLevel(const core::FrameFormat& format) {
  const double max = format.valid() ? format.maxValue() : 255.0;
  return {(max + 1.0) / 2.0, max + 1.0};
}

WindowLevel autoWindowLevel(const core::Frame& frame) {
  const core::FrameFormat& f = frame.format();
  if (!f.valid()) return {};
  const int bins = f.maxValue() + 1;
  std::vector<uint32_t> histogram(static_cast<size_t>(bins), 0);
  const int step = std::max(1, f.width / 256);  // a sparse grid is plenty for percentiles
  size_t n = 0;
  for (int y = 0; y < f.height; y += step) {
    for (int x = 0; x < f.width; x += step) {
      ++histogram[static_cast<size_t>(std::min(frame.valueAt(x, y), bins - 1))];
      ++n;
    }
  }
  auto percentile = [&](double p) {
    const auto target = static_cast<size_t>(p * static_cast<double>(n));
    size_t seen = 0;
    for (int v = 0; v < bins; ++v) {
      seen += histogram[static_cast<size_t>(v)];
      if (seen > target) return v;
    }
    return bins - 1;
  };
  const double low = percentile(0.01), high = percentile(0.99);
  const double width = std::max(high - low, 2.0);
  return {(low + high) / 2.0, width};
}

WindowLevel dragWindowLevel(const WindowLevel& start, float dxPx, float dyPx, double rawPerPx) {
  WindowLevel out;
  out.width = std::max(1.0, start.width + dxPx * rawPerPx);
  out.center = start.center - dyPx * rawPerPx;  // drag up = brighter level, as on most viewers
  return out;
}

}  // namespace fg::render
