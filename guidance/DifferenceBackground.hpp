#pragma once
// What a subtracted image holds besides contrast, and how to take it out or allow for it:
// - a smooth background: an exposure change shifts the whole log image (automatic dose control,
//   a video feed's gain), and after patient motion the soft tissue's thickness changes slowly
//   across the field (parallax the in-plane fit cannot follow): a robust plane fitted around the
//   contrast removes both;
// - misregistration: a mask that is off by a fraction of a pixel leaves a trace at every edge, as
//   strong as the edge's gradient times the error: a per-pixel sigma to add to the noise.
// Units: the difference's (log detector units), analysis px.

#include <opencv2/core.hpp>

namespace fg::guidance {

struct BackgroundPlane {
  double offset = 0;  // at the image centre
  double slopeX = 0;  // per px
  double slopeY = 0;
};

// Fitted on a sparse grid, leaving out `exclude` (CV_8UC1, optional: the known contrast) and then
// the outliers of a first fit. With `withSlope` false only the offset (a median) is fitted.
BackgroundPlane fitBackground(const cv::Mat& difference, const cv::Mat& exclude, bool withSlope);

void removeBackground(cv::Mat& difference, const BackgroundPlane& plane);

// fitBackground(a - b, exclude, false).offset without forming a - b: the median of a - b on the
// same sparse grid (0 with too few samples). `a`, `b` CV_32FC1 of one size.
double medianOffset(const cv::Mat& a, const cv::Mat& b, const cv::Mat& exclude);

// The sigma a registration error leaves in `mask - live`: |gradient of mask| * error, where the
// error grows from `centreErrorPx` at the image centre to `edgeErrorPx` half a width away (a rigid
// fit on the centre leaves the periphery's parallax).
cv::Mat misregistrationSigma(const cv::Mat& mask, double centreErrorPx, double edgeErrorPx);

}  // namespace fg::guidance
