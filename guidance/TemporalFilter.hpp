#pragma once
// Recursive (IIR) noise filter, motion-adaptive: out = out + k (in - out) per pixel, with the
// strength k small where the image is still (averaging many pulses) and 1 where a pixel changes by
// more than a few noise sigmas (a moving needle, arriving contrast), so nothing moving smears.

#include <opencv2/core.hpp>

namespace fg::guidance {

class TemporalFilter {
 public:
  // strength 0 = off (every frame passes through), 1 = strongest (about 8 frames averaged).
  explicit TemporalFilter(double strength = 0.5) { setStrength(strength); }
  void setStrength(double strength);
  double strength() const { return strength_; }
  // Filters `frame` (CV_32FC1) given its noise level; returns the filtered image (owned here).
  const cv::Mat& apply(const cv::Mat& frame, double noiseSigma);
  void reset() { state_.release(); }

 private:
  double strength_ = 0.5;
  float stillGain_ = 0.25f;
  cv::Mat state_;
};

}  // namespace fg::guidance
