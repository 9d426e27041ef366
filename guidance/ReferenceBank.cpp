#include "guidance/ReferenceBank.hpp"

#include <algorithm>
#include <limits>

#include <opencv2/imgproc.hpp>

#include "guidance/DifferenceBackground.hpp"

namespace fg::guidance {
namespace {

// How alike two references are: the mean absolute difference on a sparse grid.
double unlikeness(const cv::Mat& a, const cv::Mat& b) {
  constexpr int kStep = 8;
  double sum = 0;
  int n = 0;
  for (int y = kStep / 2; y < a.rows; y += kStep) {
    const float* pa = a.ptr<float>(y);
    const float* pb = b.ptr<float>(y);
    for (int x = kStep / 2; x < a.cols; x += kStep, ++n) sum += std::abs(pa[x] - pb[x]);
  }
  return n > 0 ? sum / n : 0;
}

}  // namespace

void ReferenceBank::offer(const cv::Mat& candidate, double timeS) {
  if (!references_.empty() && references_.front().size() != candidate.size()) references_.clear();
  if (!due(timeS)) return;
  lastOfferS_ = timeS;
  if (references_.size() < kCapacity) {
    references_.push_back(candidate.clone());
    return;
  }
  size_t closest = 0;
  double least = std::numeric_limits<double>::max();
  for (size_t i = 0; i < references_.size(); ++i) {
    const double u = unlikeness(references_[i], candidate);
    if (u < least) {
      least = u;
      closest = i;
    }
  }
  candidate.copyTo(references_[closest]);
}

cv::Mat ReferenceBank::least(const cv::Mat& difference, const cv::Mat& live, const cv::Mat& exclude) const {
  if (references_.empty() || references_.front().size() != live.size()) return difference;
  CV_Assert(difference.size() == live.size() && difference.type() == CV_32FC1 && live.type() == CV_32FC1);
  // Each member's exposure offset on the sparse grid, then one pass over it.
  cv::Mat least = difference.clone();
  for (const cv::Mat& reference : references_) {
    const float offset = static_cast<float>(medianOffset(reference, live, exclude));
    for (int y = 0; y < least.rows; ++y) {
      const float* __restrict r = reference.ptr<float>(y);
      const float* __restrict l = live.ptr<float>(y);
      float* __restrict o = least.ptr<float>(y);
      for (int x = 0; x < least.cols; ++x) o[x] = std::min(o[x], (r[x] - l[x]) - offset);
    }
  }
  return least;
}

}  // namespace fg::guidance
