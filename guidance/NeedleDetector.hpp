#pragma once
// The needle in a live image: a steel needle is a thin line that attenuates strongly, darker than
// what lies either side of it. A black top-hat (closing minus image) keeps exactly such thin dark
// lines and drops bone edges (a step has no top-hat) and broad structures (vertebrae, contrast).
// Candidates are found on the analysis image (binned), the straightest strong segment is taken
// (probabilistic Hough), then refined at full resolution: the axis by a response-weighted line
// fit, both ends where the response along the axis falls to half the needle's own level. The tip
// is the end toward the target; without one, the anterior end (spinal needles come from behind)
// or, in an AP view, the end nearer the view's centre. The last
// needle is searched first (tracking); the whole view when that fails.
// Units: frame px (sub-pixel), unless a name says otherwise.

#include <opencv2/core.hpp>
#include <optional>

#include "core/Frame.hpp"

namespace fg::guidance {

// Sizes in mm at the anatomy (AnalysisScale: estimated, and said, without a spacing).
struct NeedleSettings {
  double thresholdSigma = 4.0;  // candidate pixels: top-hat response above this many noise sigmas
  // A shorter line is not taken for a needle: a spinal needle shows 10 mm and more as soon as it
  // is in the field, a stroke of text or a marker's letter less.
  double minLengthMm = 10.0;
  double trackMarginMm = 10.0;  // around the last needle, searched first
};

struct NeedleObservation {
  bool found = false;
  cv::Point2d tipPx;  // the end at the tip
  cv::Point2d hubPx;  // the other visible end (the hub side; may be the image edge)
  cv::Point2d axis;   // unit vector from hub to tip
  double lengthPx = 0;
  double contrastSigma = 0;  // the needle's response over its noise
  double widthPx = 0;        // its image's width at half its response, as the line search that first found it measured it
  double confidence = 0;     // 0..1: contrast and length together
  bool tracked = false;      // found near the last needle
};

// A straight piece of candidate needle found on the binned image (frame px).
struct NeedleSegment {
  cv::Point2d a, b;
  double widthPx = 0;  // its image's width at half its response (0: not measured)
};

class NeedleDetector {
 public:
  explicit NeedleDetector(NeedleSettings settings = {}) : settings_(settings) {}
  // `binned`: the frame averaged over binning x binning px, as float (the analysis image).
  // `targetPx`: where the needle is going, if the user placed a target (frame px).
  // `field` (CV_8UC1 at the binned size, optional): where the patient is seen (FieldFinder);
  // nothing outside it is a needle.
  NeedleObservation detect(const core::Frame& frame, const cv::Mat& binned, int binning,
                           const std::optional<cv::Point2d>& targetPx = std::nullopt,
                           const cv::Mat& field = cv::Mat());
  void reset() { last_ = {}; }
  const NeedleObservation& last() const { return last_; }

 private:
  // `padPx`: room around the segment for the trace (smaller when it already spans the needle).
  NeedleObservation refine(const core::Frame& frame, const NeedleSegment& segment, double padPx,
                           double minLengthPx, const std::optional<cv::Point2d>& targetPx) const;
  NeedleObservation search(const core::Frame& frame, const cv::Mat& binned, int binning,
                           cv::Rect region, const std::optional<cv::Point2d>& targetPx) const;

  NeedleSettings settings_;
  NeedleObservation last_;
  // Of the frame being analysed.
  cv::Mat field_;
  int binning_ = 1;
  double mmPerPx_ = 0.2;
  double widthSlack_ = 1;  // the top-hats' widths over their mm (see kEstimatedWidthSlack)
};

}  // namespace fg::guidance
