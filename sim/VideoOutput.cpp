#include "sim/VideoOutput.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <opencv2/imgproc.hpp>

namespace fg::sim {

TextLevel parseTextLevel(std::string_view name) {
  if (name == "white") return TextLevel::White;
  if (name == "limited-white") return TextLevel::LimitedWhite;
  if (name == "none") return TextLevel::None;
  return TextLevel::Invalid;
}

VideoOutput::VideoOutput(const VideoSignal& signal, int imageWidth, int imageHeight, VideoRange range)
    : signal_(signal), imageWidth_(imageWidth), imageHeight_(imageHeight) {
  black_ = range == VideoRange::Limited ? 16 : 0;
  textValue_ = signal.text == TextLevel::LimitedWhite ? 235 : 255;
  scale_ = std::min({1.0, static_cast<double>(signal.height) / imageHeight, static_cast<double>(signal.width) / imageWidth});
  shownWidth_ = static_cast<int>(std::lround(imageWidth * scale_));
  shownHeight_ = static_cast<int>(std::lround(imageHeight * scale_));
  scale_ = static_cast<double>(shownWidth_) / imageWidth;
  offsetX_ = (signal.width - shownWidth_) / 2;
  offsetY_ = (signal.height - shownHeight_) / 2;
}

void VideoOutput::compose(std::span<const uint8_t> image, const BurnedIn& text, std::span<uint8_t> out) const {
  std::memset(out.data(), black_, out.size());
  cv::Mat frame(signal_.height, signal_.width, CV_8UC1, out.data());
  const cv::Mat src(imageHeight_, imageWidth_, CV_8UC1, const_cast<uint8_t*>(image.data()));
  cv::Mat target = frame(cv::Rect(offsetX_, offsetY_, shownWidth_, shownHeight_));
  if (shownWidth_ == imageWidth_ && shownHeight_ == imageHeight_) {
    src.copyTo(target);
  } else {
    cv::resize(src, target, target.size(), 0, 0, cv::INTER_AREA);
  }
  if (signal_.text == TextLevel::None) return;
  // Synthetic identity, so de-identification can be tested on burned-in text.
  cv::putText(frame, "SIMULATED^PATIENT  ID SIM0001", {10, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.7, textValue_, 2);
  cv::putText(frame, "2026-11-30", {10, 60}, cv::FONT_HERSHEY_SIMPLEX, 0.7, textValue_, 2);
  char kv[32];
  std::snprintf(kv, sizeof kv, "%.0f kV", text.tubeKv);
  cv::putText(frame, kv, {signal_.width - 230, 64}, cv::FONT_HERSHEY_SIMPLEX, 0.7, textValue_, 2);
  char dose[32];
  std::snprintf(dose, sizeof dose, "AK %.2f mGy", text.doseMGy);  // changes with each pulse
  cv::putText(frame, dose, {10, 90}, cv::FONT_HERSHEY_SIMPLEX, 0.7, textValue_, 2);
  if (signal_.marker && !text.marker.empty()) {
    // The side marker sits inside the picture, near its right edge, as on the C-arm's monitor.
    cv::putText(frame, text.marker, {offsetX_ + shownWidth_ - 60, offsetY_ + shownHeight_ / 2}, cv::FONT_HERSHEY_SIMPLEX,
                1.4, textValue_, 3);
  }
  stampTimer(text, out);
}

void VideoOutput::stampTimer(const BurnedIn& text, std::span<uint8_t> out) const {
  if (signal_.text == TextLevel::None) return;
  cv::Mat frame(signal_.height, signal_.width, CV_8UC1, out.data());
  frame(cv::Rect(signal_.width - 240, 0, 240, 40)).setTo(black_);
  char timer[32];
  std::snprintf(timer, sizeof timer, "FL %d:%04.1f", static_cast<int>(text.timeS) / 60, std::fmod(text.timeS, 60.0));
  cv::putText(frame, timer, {signal_.width - 230, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.9, textValue_, 2);
}

}  // namespace fg::sim
