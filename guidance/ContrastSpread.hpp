#pragma once
// Contrast spread from the subtracted image: a per-frame segmentation (smoothed difference above a
// noise-relative threshold, thin structures such as a moving needle opened away, small specks
// dropped), the map accumulated since the mask, and its measurements.
// Sizes in mm at the anatomy (AnalysisScale); maps in analysis px (the frame binned by the analyser).

#include <vector>

#include <opencv2/core.hpp>

#include "guidance/AnalysisScale.hpp"
#include "guidance/NoiseModel.hpp"

namespace fg::guidance {

struct SpreadSettings {
  double thresholdSigma = 4.0;   // in noise sigmas of the smoothed difference
  double smoothSigmaMm = 0.6;
  double specksMm = 1.2;         // an opening this wide removes specks and a needle's line
  double minBlobAreaMm2 = 5;
  // The half-maximum core must survive an opening this wide, with this much area: a needle's
  // line (under 1.3 mm wide) has none, a pool or a vessel of a few mm keeps one.
  double coreMm = 2.0;
  double minCoreAreaMm2 = 1.0;
  // Motion, not contrast: a positive blob around which (within this reach, or its own radius)
  // the difference sums to less than this share of the blob's own (bowel gas or a bone edge that
  // moved lost on one side what it gained on the other; contrast only adds).
  double dipoleReachMm = 6.0;
  double dipoleShare = 0.5;
  // On everywhere but on a blob that overlaps the contrast already known (`known` in
  // segmentContrast): its own edges move as it spreads, and a vessel washing out beside its filling
  // is a dipole too.
  bool rejectDipoles = true;
  // A component ends where a 3x3 median of the difference (noise down, edges kept) falls below
  // this share of its peak, or below edgeSigma of the median's noise.
  double edgeFractionOfPeak = 0.10;
  double edgeSigma = 2.0;
};

enum class CranioCaudalAxis : uint8_t { Invalid = 0, ImageY, ImageX };

struct SpreadMeasure {
  bool present = false;
  int pixels = 0;
  double areaMm2 = 0;            // at the anatomy (see AnalysisScale)
  double cranioCaudalMm = 0;     // extent along the head-feet direction of the image
  double meanDifference = 0;     // mean subtracted value inside the mask (raw units)
  // Sum of the subtracted values inside the mask times the px area (raw units x mm2): grows with
  // the iodine in view, falls as it washes out - the time-intensity curve's value.
  double integratedDifference = 0;
};

// The difference as detection sees it (a Gaussian of settings.smoothSigmaMm).
cv::Mat smoothForDetection(const cv::Mat& difference, const AnalysisScale& scale, const SpreadSettings& settings);

// The segmentation of one subtracted frame (CV_8UC1, 255 = contrast): `smoothed` from
// smoothForDetection(), the noise maps from the NoiseModel, inside `field` (empty: everywhere).
// A thin line (no core settings.coreMm wide) is a needle that moved, not contrast, where it lies
// along `alongNeedle` (CV_8UC1, 255 = along the needle; see needleBand()); with no band (no needle
// known) every thin line is taken for one. Away from a known needle a thin line is kept: a vessel
// filling is as thin. `known` (CV_8UC1, optional): the contrast seen so far; a blob that overlaps it
// is not put to the motion (dipole) test, every other one is (bowel gas that drifts on after the
// arrival, beside the contrast, is still only anatomy that moved).
cv::Mat segmentContrast(const cv::Mat& difference, const cv::Mat& smoothed, const NoiseMaps& noise,
                        const cv::Mat& field, const AnalysisScale& scale, const SpreadSettings& settings,
                        const cv::Mat& alongNeedle = cv::Mat(), const cv::Mat& known = cv::Mat());

// The area (analysis px) where the live frame is significantly brighter than the mask: the test
// of segmentContrast with the sign turned. Iodine only darkens; such a change is anatomy that
// moved (bowel gas, breathing, a beating heart) or a needle drawn back, never contrast.
int brightenedPixels(const cv::Mat& smoothed, const NoiseMaps& noise, const cv::Mat& field, const AnalysisScale& scale,
                     const SpreadSettings& settings);

// Where a needle from `hubPx` to `tipPx` (analysis px) may leave its line in a subtraction: along
// it, past the tip as far as it may advance between mask and live frame, a few mm either side.
cv::Mat needleBand(cv::Size size, cv::Point2d hubPx, cv::Point2d tipPx, const AnalysisScale& scale);

SpreadMeasure measureSpread(const cv::Mat& mask, const cv::Mat& difference, double mmPerPx, CranioCaudalAxis axis);

// Dice overlap of two binary masks of the same size (1 when both are empty).
double dice(const cv::Mat& a, const cv::Mat& b);

}  // namespace fg::guidance
