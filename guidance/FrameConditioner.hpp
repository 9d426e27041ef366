#pragma once
// Every frame as the guidance reads it, in one place for the product and its evaluations:
//   1. binned on the integers to the analysis size (about kAnalysisPixelMm at the spine; see
//      analysisBinning), as float in the frame's raw units;
//   2. its collimated field and burned-in overlays found on those raw values (FieldFinder);
//   3. its values brought to the log domain (DomainConverter).
// The field and the encoding are kept from frame to frame until reset (another source, another
// timeline, a format change).

#include <opencv2/core.hpp>

#include "core/Frame.hpp"
#include "core/Status.hpp"
#include "guidance/AnalysisScale.hpp"
#include "guidance/FieldMask.hpp"
#include "guidance/IntensityDomain.hpp"

namespace fg::guidance {

// The needle's line search finds a 25G needle (0.5 mm) on analysis px no coarser than a panel's
// 2 x 2 binning (0.25 mm at the spine): where the contrast analysis bins more, the needle reads a
// copy of the frame conditioned at this binning (its tip is traced on the frame's own px anyway).
inline constexpr int kMaxNeedleSearchBinning = 2;

struct ConditionedFrame {
  cv::Mat image;  // CV_32FC1, analysis px, log domain (a new image for every frame)
  int binning = 1;
  AnalysisScale scale;
  IntensityDomain intensity;
};

class FrameConditioner {
 public:
  // `binning` > 0 fixes the frame px per analysis px; 0 takes analysisBinning of each frame.
  explicit FrameConditioner(int binning = 0) : binning_(binning) {}
  // The frame px per analysis px this conditioner uses for frames of `format`.
  int binningFor(const core::FrameFormat& format) const { return binning_ > 0 ? binning_ : analysisBinning(format); }
  // A blank frame, or one too small to bin, is refused with the reason.
  core::Result<ConditionedFrame> condition(const core::Frame& frame);
  // The last frame's field (CV_8UC1 at the analysis size, 255 = inside and off overlays).
  const cv::Mat& fieldMask() const { return field_.mask(); }
  double fieldShare() const { return field_.fieldShare(); }
  void reset() {
    field_.reset();
    domain_.reset();
  }

 private:
  int binning_;
  FieldFinder field_;
  DomainConverter domain_;
};

}  // namespace fg::guidance
