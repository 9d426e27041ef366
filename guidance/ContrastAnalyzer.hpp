#pragma once
// The contrast chain for one frame: bin to the analysis resolution, temporal filter, subtract the
// mask (motion-compensated), segment, accumulate the spread, measure it, classify the pattern.
// Pure computation on the calling thread; the analysis thread runs it on the newest frame.

#include <vector>

#include <opencv2/core.hpp>

#include "core/Frame.hpp"
#include "core/Status.hpp"
#include "guidance/ContrastPattern.hpp"
#include "guidance/ContrastSpread.hpp"
#include "guidance/Subtraction.hpp"
#include "guidance/TemporalFilter.hpp"

namespace fg::guidance {

struct AnalyzerSettings {
  int binning = 2;             // analysis px = binning x binning frame px
  double filterStrength = 0.3;
  SubtractionSettings subtraction;
  SpreadSettings spread;
};

struct TimeIntensityPoint {
  double timeS = 0;
  double meanDifference = 0;  // inside the accumulated spread, raw units
};

struct ContrastResult {
  core::Status status = core::Status::ok();  // why there is no result (blank frame, size change)
  uint64_t frameId = 0;
  double timeS = 0;                 // the frame's device time if it has one, else arrival time
  int binning = 1;
  double mmPerAnalysisPx = 0;       // 0 when the frame has no spacing
  double noiseSigma = 0;            // of the binned live frame
  MaskState maskState = MaskState::Invalid;
  double maskAgeS = 0;
  RigidMotion2D motion;
  bool registrationTrusted = true;  // false: the mask does not fit the patient (see Subtracted)
  cv::Mat difference;               // CV_32FC1, analysis px (empty before a mask exists)
  cv::Mat spread;                   // CV_8UC1 255 = contrast in this frame
  cv::Mat accumulated;              // CV_8UC1 everywhere contrast has been since the mask
  SpreadMeasure now, total;
  ShapeFeatures features;
  PatternResult pattern;
};

class ContrastAnalyzer {
 public:
  explicit ContrastAnalyzer(AnalyzerSettings settings = {});
  ContrastResult analyze(const core::Frame& frame);
  void remask();  // new mask from the next frames; clears the spread and the pattern
  const std::vector<TimeIntensityPoint>& timeIntensity() const { return curve_; }
  Subtractor& subtractor() { return subtractor_; }
  TemporalFilter& filter() { return filter_; }

 private:
  AnalyzerSettings settings_;
  TemporalFilter filter_;
  Subtractor subtractor_;
  PatternClassifier classifier_;
  core::FrameFormat format_;
  cv::Mat accumulated_;
  cv::Mat noiseMap_;  // per-pixel noise sigma of the difference, learnt before the contrast
  double midlineX_ = -1;
  std::vector<TimeIntensityPoint> curve_;
};

}  // namespace fg::guidance
