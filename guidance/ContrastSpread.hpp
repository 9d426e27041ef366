#pragma once
// Contrast spread from the subtracted image: a per-frame segmentation (smoothed difference above a
// noise-relative threshold, thin structures such as a moving needle opened away, small specks
// dropped), the map accumulated since the mask, and its measurements.
// Units: analysis px (the frame binned by the analyser), mm through the frame's pixel spacing.

#include <vector>

#include <opencv2/core.hpp>

namespace fg::guidance {

struct SpreadSettings {
  double thresholdSigma = 4.0;   // in noise sigmas of the smoothed difference
  double smoothSigmaPx = 1.5;
  int minBlobAreaPx = 30;
  int minCorePx = 6;             // half-maximum core that must survive a 5x5 opening (not a needle)
  // A component ends where a 3x3 median of the difference (noise down, edges kept) falls below
  // this share of its peak, or below edgeSigma of the median's noise.
  double edgeFractionOfPeak = 0.10;
  double edgeSigma = 2.0;
};

enum class CranioCaudalAxis : uint8_t { Invalid = 0, ImageY, ImageX };

struct SpreadMeasure {
  bool present = false;
  int pixels = 0;
  double areaMm2 = 0;            // at the detector plane
  double cranioCaudalMm = 0;     // extent along the head-feet direction of the image
  double meanDifference = 0;     // mean subtracted value inside the mask (raw units)
  // Sum of the subtracted values inside the mask times the px area (raw units x mm2): grows with
  // the iodine in view, falls as it washes out - the time-intensity curve's value.
  double integratedDifference = 0;
};

// Quantum noise depends on the brightness: behind bone fewer quanta arrive and the (log) image is
// noisier. The noise of a contrast-free difference image, per brightness of `reference` (the
// mask), as a per-pixel sigma map (CV_32FC1, same units as the difference).
cv::Mat noiseMap(const cv::Mat& difference, const cv::Mat& reference);

// The segmentation of one subtracted frame (CV_8UC1, 255 = contrast) against a per-pixel noise
// map from noiseMap().
cv::Mat segmentContrast(const cv::Mat& difference, const cv::Mat& noiseSigmaMap, const SpreadSettings& settings);

SpreadMeasure measureSpread(const cv::Mat& mask, const cv::Mat& difference, double mmPerPx, CranioCaudalAxis axis);

// Dice overlap of two binary masks of the same size (1 when both are empty).
double dice(const cv::Mat& a, const cv::Mat& b);

}  // namespace fg::guidance
