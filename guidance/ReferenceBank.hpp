#pragma once
// Earlier contrast-free states of the anatomy, kept beside the mask: bowel gas drifts and returns,
// the diaphragm and the bowel move with breathing, and a single mask taken in one state shows
// every other state as "contrast". Contrast darkens the live image against every contrast-free
// state; anatomy that moved matches one of them. The evidence of contrast at a pixel is therefore
// the least of (reference - live) over the mask and the bank, each with its own exposure offset
// removed, all as detection smooths them. The live frame's noise is common to all of them (the
// minimum does not pick it); the references are smoothed averages, so what the minimum selects
// from their noise is small.

#include <vector>

#include <opencv2/core.hpp>

namespace fg::guidance {

class ReferenceBank {
 public:
  static constexpr int kCapacity = 4;
  // Between offers the anatomy has time to move (about a second of a slow drift).
  static constexpr double kOfferEveryS = 0.8;

  // Whether a candidate offered at `timeS` would be kept (so the caller smooths only then).
  bool due(double timeS) const { return timeS - lastOfferS_ >= kOfferEveryS || timeS < lastOfferS_; }
  // While the mask is collected: the candidate (a contrast-free running average, smoothed) at
  // `timeS`. A full bank drops the member most like the newcomer (diversity).
  void offer(const cv::Mat& smoothedCandidate, double timeS);
  // min(smoothedDifference, min over the bank of (reference - smoothedLive - offset));
  // `smoothedDifference` itself when the bank is empty or has another size. `exclude`
  // (CV_8UC1, optional): known contrast, left out of each offset.
  cv::Mat least(const cv::Mat& smoothedDifference, const cv::Mat& smoothedLive, const cv::Mat& exclude) const;
  size_t size() const { return references_.size(); }
  void clear() { *this = ReferenceBank(); }

 private:
  std::vector<cv::Mat> references_;
  double lastOfferS_ = -1e9;
};

}  // namespace fg::guidance
