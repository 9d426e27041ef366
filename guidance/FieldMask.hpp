#pragma once
// The part of a frame that shows the patient. Outside it nothing is analysed: the collimator's
// blades and shutters, an image intensifier's round window, the black border of a video signal,
// and burned-in text and markers are never contrast, never a needle.
//   - The collimated field: the dark region that reaches the image's border (blades transmit a
//     fraction of a percent: far darker than any anatomy seen through the field), whatever its
//     shape (circle, rectangle, shutters), found on cells of about 2 mm.
//   - Overlays: thin strokes that do not change between the first frames while the field has
//     quantum noise (text, markers); until then, thin strokes at the frame's extreme values. A
//     wide area that does not change (clipped air beside the patient) stays: a needle may cross it.
//     Taken once: what stops changing later (contrast dense enough to clip) is anatomy.
// The mask is eroded by a margin, so the field's soft edge and glare are outside it too.

#include <cstdint>

#include <opencv2/core.hpp>

#include "guidance/AnalysisScale.hpp"

namespace fg::guidance {

struct FieldSettings {
  double cellMm = 2.0;             // the field is found on cells this size
  double darkShare = 0.2;          // darker than this share of the way from black to the field's median
  double edgeMarginMm = 3.0;       // left out inside the field's edge (soft edge, glare, vignetting)
  double overlayMarginMm = 1.5;    // around text and markers
  int staticFrames = 6;            // unchanged over this many frame pairs: an overlay...
  int minStrokePx = 12;            // ...a connected one (not specks near saturation)...
  double strokeMm = 1.5;           // ...when thinner than this (text); wider is clipped anatomy
};

class FieldFinder {
 public:
  explicit FieldFinder(FieldSettings settings = {}) : settings_(settings) {}
  // `image`: the frame binned to the analysis size (CV_32FC1, raw units). Returns CV_8UC1,
  // 255 = inside the field and off any overlay.
  const cv::Mat& update(const cv::Mat& image, const AnalysisScale& scale);
  const cv::Mat& mask() const { return mask_; }
  // Share of the image inside the field (0 before the first frame).
  double fieldShare() const { return fieldShare_; }
  void reset();

 private:
  cv::Mat collimatedField(const cv::Mat& image, const AnalysisScale& scale) const;
  void updateOverlay(const cv::Mat& image);

  FieldSettings settings_;
  cv::Mat previous_;
  cv::Mat unchanged_;  // CV_8UC1: frame pairs in a row without a change
  cv::Mat overlay_;    // once taken (after staticFrames pairs, with its margin), kept until reset
  int pairs_ = 0;
  cv::Mat mask_;
  double fieldShare_ = 0;
};

}  // namespace fg::guidance
