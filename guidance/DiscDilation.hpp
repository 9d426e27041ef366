#pragma once
// Growing a binary mask by a disc of a radius in px. A disc structuring element costs OpenCV's
// dilation one pass per element pixel (pi r^2 of them: ~30 000 for a 100 px reach), while the
// distance to the mask costs the same at any radius. Small radii keep the exact element.

#include <opencv2/core.hpp>

namespace fg::guidance {

// `mask` (CV_8UC1, non-zero = set) grown by `radiusPx`: every pixel within that Euclidean
// distance (and a quarter pixel) of a set one, 255. Into `out` (may be `mask` itself).
void dilateByDisc(const cv::Mat& mask, cv::Mat& out, int radiusPx);

}  // namespace fg::guidance
