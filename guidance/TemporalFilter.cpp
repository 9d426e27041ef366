#include "guidance/TemporalFilter.hpp"

#include <algorithm>
#include <cmath>

namespace fg::guidance {

void TemporalFilter::setStrength(double strength) {
  strength_ = std::clamp(strength, 0.0, 1.0);
  // Gain for still pixels: 1 (off) down to 1/8 (about 15 frames of memory).
  stillGain_ = static_cast<float>(1.0 - strength_ * (1.0 - 0.125));
}

const cv::Mat& TemporalFilter::apply(const cv::Mat& frame, double noiseSigma) {
  if (state_.empty() || state_.size() != frame.size() || strength_ <= 0) {
    frame.copyTo(state_);
    return state_;
  }
  // A difference beyond 4 sigma is real (about 1 in 16000 by chance): follow it at once. Below
  // 2.5 sigma it is noise (1 % of still pixels reach it). In between, blend smoothly.
  const float low = static_cast<float>(2.5 * noiseSigma), high = static_cast<float>(4.0 * noiseSigma);
  const float span = std::max(high - low, 1e-6f);
  for (int y = 0; y < frame.rows; ++y) {
    const float* in = frame.ptr<float>(y);
    float* out = state_.ptr<float>(y);
    for (int x = 0; x < frame.cols; ++x) {
      const float diff = in[x] - out[x];
      const float t = std::clamp((std::abs(diff) - low) / span, 0.0f, 1.0f);
      const float k = stillGain_ + (1.0f - stillGain_) * t;
      out[x] += k * diff;
    }
  }
  return state_;
}

}  // namespace fg::guidance
