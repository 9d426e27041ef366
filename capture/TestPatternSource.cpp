#include "capture/TestPatternSource.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace fg::capture {
namespace {

constexpr int kMaxValue = 4095;  // 12 bits stored

class TestPatternSource final : public FrameSource {
 public:
  explicit TestPatternSource(const TestPatternOptions& o) : options_(o) {
    info_.kind = SourceKind::TestPattern;
    info_.description = "Test pattern " + std::to_string(o.width) + "x" + std::to_string(o.height) +
                        " (not a patient image)";
    info_.format.width = o.width;
    info_.format.height = o.height;
    info_.format.pixelFormat = core::PixelFormat::Gray16;
    info_.format.bitsStored = 12;
    info_.format.mmPerPixelX = o.mmPerPixel;
    info_.format.mmPerPixelY = o.mmPerPixel;
    // Shown as an AP view: image +x toward the patient's left, +y toward the feet.
    info_.format.orientation = {core::PatientDirection("L"), core::PatientDirection("F")};
    info_.framePeriodNs = o.framePeriodNs;
    info_.pacing = o.pacing;
    info_.frameCount = o.frameCount;
    drawStaticBackground();
  }

  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }

  ReadResult read(std::span<uint8_t> into) override {
    if (options_.frameCount >= 0 && index_ >= options_.frameCount) {
      return {ReadStatus::EndOfStream, core::kNoTimeNs};
    }
    std::memcpy(into.data(), background_.data, info_.format.byteCount());
    auto* pixels = reinterpret_cast<uint16_t*>(into.data());
    drawOrbitingDisc(pixels);
    drawCounterCode(pixels);
    ++index_;
    return {ReadStatus::Frame, core::kNoTimeNs};
  }

  core::Status rewind() override {
    index_ = 0;
    return core::Status::ok();
  }

 private:
  int scaled(double fraction) const { return static_cast<int>(fraction * options_.width); }

  void drawStaticBackground() {
    const int w = options_.width, h = options_.height;
    background_.create(h, w, CV_16UC1);
    // Smooth radial falloff, like a detector's heel effect and soft tissue.
    for (int y = 0; y < h; ++y) {
      auto* row = background_.ptr<uint16_t>(y);
      for (int x = 0; x < w; ++x) {
        const double dx = (x - w / 2.0) / w, dy = (y - h / 2.0) / h;
        row[x] = static_cast<uint16_t>(2600.0 - 2400.0 * (dx * dx + dy * dy));
      }
    }
    // 16-step grey wedge across the top: steps of 256 raw units from 0 to 3840.
    const int wedgeTop = h / 16, wedgeHeight = h / 12;
    for (int step = 0; step < 16; ++step) {
      const int x0 = w / 16 + step * (w * 7 / 8) / 16, x1 = w / 16 + (step + 1) * (w * 7 / 8) / 16;
      cv::rectangle(background_, cv::Rect(x0, wedgeTop, x1 - x0, wedgeHeight),
                    cv::Scalar(step * 256), cv::FILLED);
    }
    // Line pairs of 1, 2, 3 and 4 pixels at the lower left.
    int x = w / 16;
    const int lpTop = h * 3 / 4, lpHeight = h / 10;
    for (int period = 2; period <= 8; period += 2) {
      for (int i = 0; i < 8; ++i, x += period) {
        cv::rectangle(background_, cv::Rect(x, lpTop, period / 2, lpHeight), cv::Scalar(kMaxValue),
                      cv::FILLED);
      }
      x += 8;
    }
    const double textScale = std::max(0.4, w / 1024.0 * 1.2);
    const int thickness = std::max(1, w / 512);
    cv::putText(background_, "FLUOROGUIDE TEST PATTERN", cv::Point(w / 16, h * 5 / 16),
                cv::FONT_HERSHEY_SIMPLEX, textScale * 1.3, cv::Scalar(kMaxValue), thickness * 2);
    cv::putText(background_, "NOT A PATIENT IMAGE", cv::Point(w / 16, h * 5 / 16 + scaled(0.06)),
                cv::FONT_HERSHEY_SIMPLEX, textScale, cv::Scalar(kMaxValue), thickness);
  }

  // A bright disc orbiting the centre once every 4 s of nominal time: shows motion and judder.
  void drawOrbitingDisc(uint16_t* pixels) const {
    const int w = options_.width, h = options_.height;
    const double periodS = std::max(1e-9, options_.framePeriodNs * 1e-9);
    const double angle = 2.0 * std::numbers::pi * (index_ * periodS / 4.0);
    const double cx = w / 2.0 + 0.25 * w * std::cos(angle);
    const double cy = h * 0.55 + 0.15 * h * std::sin(angle);
    const double r = 0.04 * w;
    const int x0 = std::max(0, static_cast<int>(cx - r)), x1 = std::min(w - 1, static_cast<int>(cx + r));
    const int y0 = std::max(0, static_cast<int>(cy - r)), y1 = std::min(h - 1, static_cast<int>(cy + r));
    for (int y = y0; y <= y1; ++y) {
      uint16_t* row = pixels + static_cast<size_t>(y) * w;
      for (int x = x0; x <= x1; ++x) {
        const double dx = x - cx, dy = y - cy;
        if (dx * dx + dy * dy <= r * r) row[x] = 3900;
      }
    }
  }

  // 24-bit frame counter as black/white blocks along the bottom edge.
  void drawCounterCode(uint16_t* pixels) const {
    const int w = options_.width, h = options_.height;
    const int block = std::max(2, w / 64);
    const int y0 = h - 2 * block;
    for (int bit = 0; bit < 24; ++bit) {
      const uint16_t value = ((index_ >> bit) & 1) ? kMaxValue : 0;
      const int x0 = w / 16 + bit * block;
      for (int y = y0; y < y0 + block && y < h; ++y) {
        std::fill_n(pixels + static_cast<size_t>(y) * w + x0, std::min(block, w - x0), value);
      }
    }
  }

  TestPatternOptions options_;
  SourceInfo info_;
  std::string error_;
  cv::Mat background_;
  int64_t index_ = 0;
};

}  // namespace

std::unique_ptr<FrameSource> makeTestPattern(const TestPatternOptions& options) {
  return std::make_unique<TestPatternSource>(options);
}

}  // namespace fg::capture
