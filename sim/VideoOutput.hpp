#pragma once
// The C-arm's monitor signal as a frame grabber captures it: the windowed 8-bit picture inside a
// 1280 x 1024 or 1920 x 1080 signal (scaled down when the detector is larger than the signal's
// height), black around it, with text burned in: the patient's name and ID (synthetic), the date,
// the fluoroscopy timer, the dose, the tube voltage, and an orientation marker on the image. Text
// is white (255) or limited-range white (235, as a BT.601 / BT.709 signal carries it). Between
// pulses the picture repeats while the timer runs on.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sim/ImagingChain.hpp"

namespace fg::sim {

enum class TextLevel : uint8_t { Invalid = 0, White, LimitedWhite, None };
TextLevel parseTextLevel(std::string_view name);

struct VideoSignal {
  int width = 1280, height = 1024;
  TextLevel text = TextLevel::White;
  bool marker = false;  // orientation letter on the image
};

struct BurnedIn {
  double timeS = 0;       // fluoroscopy time
  double doseMGy = 0;     // cumulative air kerma
  double tubeKv = 80;
  std::string marker;     // e.g. "L": the patient direction of the image's right edge
};

class VideoOutput {
 public:
  VideoOutput(const VideoSignal& signal, int imageWidth, int imageHeight, VideoRange range);
  int width() const { return signal_.width; }
  int height() const { return signal_.height; }
  double scale() const { return scale_; }  // signal px per image px
  // Where image pixel (x, y) lands in the signal.
  double toSignalX(double xPx) const { return offsetX_ + (xPx + 0.5) * scale_ - 0.5; }
  double toSignalY(double yPx) const { return offsetY_ + (yPx + 0.5) * scale_ - 0.5; }
  int offsetX() const { return offsetX_; }
  int offsetY() const { return offsetY_; }
  // The whole signal from the 8-bit image of one pulse.
  void compose(std::span<const uint8_t> image, const BurnedIn& text, std::span<uint8_t> out) const;
  // Redraws the running timer (between pulses).
  void stampTimer(const BurnedIn& text, std::span<uint8_t> out) const;

 private:
  VideoSignal signal_;
  int imageWidth_, imageHeight_;
  uint8_t black_, textValue_;
  double scale_ = 1;
  int offsetX_ = 0, offsetY_ = 0, shownWidth_ = 0, shownHeight_ = 0;
};

}  // namespace fg::sim
