#pragma once
// Spinal level markers that follow the patient: each labelled vertebra keeps the patch of image
// around it from when it was labelled; on every frame each patch is looked for around its last
// position (normalised cross-correlation, refined to a fraction of a pixel), and one rotation
// and shift fitted through all the matches (outliers left out) moves every marker: the spine
// moves as one. Templates are never replaced, so markers cannot drift one frame's error at a time.
// Labels are given by the user for one vertebra and by counting for the others; how they were
// counted is kept with them. Units: frame px.

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/Frame.hpp"
#include "guidance/NeedleDetector.hpp"

namespace fg::guidance {

enum class LevelCounting : uint8_t { Invalid = 0, FromSacrum, FromTwelfthRib, Manual };
std::string_view toString(LevelCounting counting);

struct LevelMarker {
  std::string label;  // "T11" .. "S1" (and "L6" with six lumbar vertebrae)
  cv::Point2d centerPx;
  double correlation = 0;  // of the last match (1 = the same as when labelled)
  bool lost = false;       // the last match was too weak: the marker is not current
};

struct LevelSettings {
  double patchMm = 24.0;        // square around each centre kept as its template
  double searchMm = 15.0;       // how far a marker is looked for around its last position
  double minCorrelation = 0.6;  // below this the marker is marked lost
};

class LevelTracker {
 public:
  explicit LevelTracker(LevelSettings settings = {}) : settings_(settings) {}
  // Labels from this frame (`binned`: the frame averaged over binning x binning px, as float).
  // `needle` (optional): the needle found in the same frame, closed over so it does not pull.
  void label(const core::FrameFormat& format, const cv::Mat& binned, int binning,
             std::vector<LevelMarker> markers, LevelCounting counting,
             const NeedleObservation* needle = nullptr);
  // Follows the markers into a new frame.
  const std::vector<LevelMarker>& track(const cv::Mat& binned,
                                        const NeedleObservation* needle = nullptr);
  const std::vector<LevelMarker>& markers() const { return markers_; }
  LevelCounting counting() const { return counting_; }
  bool empty() const { return markers_.empty(); }
  void clear() {
    markers_.clear();
    templates_.clear();
    offsets_.clear();
    labelledPx_.clear();
    lastCorrelation_.clear();
  }

 private:
  cv::Point2d toBinned(cv::Point2d framePx) const;
  cv::Point2d fromBinned(cv::Point2d binnedPx) const;

  LevelSettings settings_;
  LevelCounting counting_ = LevelCounting::Invalid;
  std::vector<LevelMarker> markers_;
  std::vector<cv::Mat> templates_;  // binned px, one per marker
  std::vector<cv::Point2d> offsets_;
  std::vector<cv::Point2d> labelledPx_;  // where each marker was when labelled (frame px)  // each
                                         // centre's sub-pixel place in its template's middle pixel
  int binning_ = 1;
  int patchPx_ = 0, searchPx_ = 0, nearPx_ = 0;  // binned px
  std::vector<double> lastCorrelation_;
};

}  // namespace fg::guidance
