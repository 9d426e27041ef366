#include "guidance/ReferenceBank.hpp"

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
  cv::Mat least = difference.clone(), one;
  for (const cv::Mat& reference : references_) {
    cv::subtract(reference, live, one);
    removeBackground(one, fitBackground(one, exclude, false));
    cv::min(least, one, least);
  }
  return least;
}

}  // namespace fg::guidance
