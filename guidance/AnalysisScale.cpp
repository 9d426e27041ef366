#include "guidance/AnalysisScale.hpp"

#include <algorithm>
#include <cmath>

namespace fg::guidance {

int AnalysisScale::oddKernelPx(double mm) const {
  const int n = std::max(3, static_cast<int>(std::lround(px(mm))));
  return n | 1;
}

AnalysisScale analysisScale(const core::FrameFormat& format, int binning) {
  const double bin = std::max(1, binning);
  if (!format.hasSpacing()) {
    return {kAssumedDetectorMmPerPx * bin / kAssumedMagnification, ScaleSource::Estimated};
  }
  // Square analysis pixels are assumed (binning is square); a frame with unequal spacing is
  // measured on its mean.
  const double detector = 0.5 * (format.mmPerPixelX + format.mmPerPixelY) * bin;
  if (format.magnification > 0) return {detector / format.magnification, ScaleSource::AtAnatomy};
  // The sizes the analysis knows are the patient's: without a magnification, the usual one.
  return {detector / kAssumedMagnification, ScaleSource::AssumedMagnification};
}

int analysisBinning(const core::FrameFormat& format) {
  const double framePxMm = analysisScale(format, 1).mmPerPx;
  if (!(framePxMm > 0)) return 1;
  return std::clamp(static_cast<int>(std::lround(kAnalysisPixelMm / framePxMm)), 1, kMaxBinning);
}

std::string describe(const AnalysisScale& scale) {
  switch (scale.source) {
    case ScaleSource::AtAnatomy: return "mm at the spine";
    case ScaleSource::AssumedMagnification: return "mm at the spine (magnification assumed 1.5)";
    case ScaleSource::Estimated: return "mm (estimated: no pixel spacing)";
    case ScaleSource::Invalid: break;
  }
  return "px";
}

}  // namespace fg::guidance
