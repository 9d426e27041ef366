#pragma once
// The noise of the subtracted image, per brightness, measured on the very statistic the
// segmentation thresholds: the difference (mask - live) while no contrast is present, before and
// after the smoothing that detection applies. Measuring the values themselves (their median
// absolute deviation), not neighbouring pixels' differences, makes the model hold for noise that
// is correlated between pixels (an intensifier's blur, a scaled video signal), which a
// second-difference estimate reads several times too low. Quantum noise depends on the
// brightness (behind bone fewer quanta arrive): one sigma per brightness band of the mask, kept
// as a running average over the frames learnt, with a floor of the quantisation step.

#include <array>

#include <opencv2/core.hpp>

namespace fg::guidance {

struct NoiseMaps {
  cv::Mat raw;       // CV_32FC1 per-pixel sigma of the difference
  cv::Mat smoothed;  // the same after the detection's smoothing
  bool empty() const { return raw.empty(); }
};

class NoiseModel {
 public:
  static constexpr int kBands = 24;
  // Frames learnt before the model is used: before that, nothing is called contrast.
  static constexpr int kFramesToTrust = 3;

  // One contrast-free difference (`raw`, and `smoothed` as detection smooths it), against the
  // brightness `reference` (the mask), inside `field` (CV_8UC1; empty: everywhere).
  void learn(const cv::Mat& raw, const cv::Mat& smoothed, const cv::Mat& reference, const cv::Mat& field);
  bool ready() const { return frames_ >= kFramesToTrust; }
  int framesLearnt() const { return frames_; }
  // The per-pixel maps for `reference`.
  NoiseMaps maps(const cv::Mat& reference) const;
  // The noise of the smoothed difference at the median brightness (for reports), 0 before learning.
  double typicalSmoothedSigma() const;
  void reset() { *this = NoiseModel(); }

 private:
  int bandOf(float value) const;

  int frames_ = 0;
  double lo_ = 0, bandWidth_ = 1;
  std::array<float, kBands> raw_{}, smoothed_{};
  std::array<int, kBands> seen_{};  // frames in which each band had enough samples
};

}  // namespace fg::guidance
