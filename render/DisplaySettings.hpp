#pragma once
// How gray values become screen brightness. Window centre and width are in the frame's raw units
// (0..4095 for a 12-bit detector, 0..255 for 8-bit video), as on a DICOM viewer.

#include "core/Frame.hpp"

namespace fg::render {

struct WindowLevel {
  double center = 2048.0;
  double width = 4096.0;
};

enum class Polarity : uint8_t { Invalid = 0, Normal, Inverted };

struct DisplaySettings {
  WindowLevel windowLevel;
  double gamma = 1.0;
  Polarity polarity = Polarity::Normal;
};

// The window that spans the 1st to 99th percentile of the frame's values (what "reset" sets).
WindowLevel autoWindowLevel(const core::Frame& frame);
// The full range of the stored bits.
WindowLevel fullRangeWindowLevel(const core::FrameFormat& format);
// Right-drag: horizontal changes width, vertical changes centre; `rawPerPx` sets the sensitivity.
WindowLevel dragWindowLevel(const WindowLevel& start, float dxPx, float dyPx, double rawPerPx);

}  // namespace fg::render
