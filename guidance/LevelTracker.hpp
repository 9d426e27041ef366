#pragma once
// Spinal level markers that follow the patient: each labelled vertebra keeps the patch of image
// around it from when it was labelled (as wide as one vertebra plus its disc, so that it holds the
// vertebra's outline and not only the flat middle of its body, at about 1 mm per tracking pixel);
// on every frame each patch is looked for around its last position (normalised cross-correlation,
// refined to a fraction of a pixel), and one rotation and shift fitted through all the matches
// (outliers left out) moves every marker: the spine moves as one. Templates are never replaced, so
// markers cannot drift one frame's error at a time. Labels are given by the user for one vertebra
// and by counting for the others; how they were counted is kept with them. Units: frame px.

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/Frame.hpp"
#include "guidance/LevelLabels.hpp"
#include "guidance/NeedleDetector.hpp"

namespace fg::guidance {

struct LevelMarker {
  std::string label;  // "T11" .. "S1" (and "L6" with six lumbar vertebrae)
  cv::Point2d centerPx;
  double correlation = 0;  // of the last match (1 = the same as when labelled)
  bool lost = false;       // the last match was too weak: the marker is not current
};

struct LevelSettings {
  double patchShareOfPitch = 0.9;  // template side / distance between neighbouring markers
  double patchMm = 40.0;           // template side when only one vertebra is labelled
  double trackingPxMm = 1.0;       // markers are followed at about this pixel size
  double searchMm = 15.0;          // how far a marker is looked for around its last position
  double minCorrelation = 0.6;     // below this the marker is marked lost
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
    fineTemplates_.clear();
    fineNorms_.clear();
    fineOffsets_.clear();
    labelledPx_.clear();
    lastCorrelation_.clear();
    lastCoarseCorrelation_.clear();
  }

 private:
  cv::Point2d toTracking(cv::Point2d framePx) const;
  cv::Point2d fromTracking(cv::Point2d trackingPx) const;
  cv::Point2d coarseToFine(cv::Point2d coarsePx) const;
  cv::Point2d fineToCoarse(cv::Point2d finePx) const;
  cv::Mat fineImage(const cv::Mat& binned, const NeedleObservation* needle) const;
  cv::Mat reduced(const cv::Mat& fine) const;
  std::optional<cv::Point2d> fineMatch(size_t i, const cv::Mat& fine, cv::Point2d coarsePx,
                                       double* best) const;
  std::optional<cv::Point2d> coarseMatch(size_t i, const cv::Mat& coarse, cv::Point2d coarsePx,
                                         double* best) const;

  LevelSettings settings_;
  LevelCounting counting_ = LevelCounting::Invalid;
  std::vector<LevelMarker> markers_;
  std::vector<cv::Mat> templates_;      // tracking px, one per marker
  std::vector<cv::Point2d> offsets_;    // each centre's place within its template
  std::vector<cv::Mat> fineTemplates_;  // the same patches in binned px, less their means
  std::vector<double> fineNorms_;
  std::vector<cv::Point2d> fineOffsets_;
  std::vector<cv::Point2d> labelledPx_;          // where each marker was when labelled (frame px)
  int binning_ = 1;                              // of the binned image given
  int reduction_ = 1;                            // tracking px = reduction_ x reduction_ binned px
  int patchPx_ = 0, searchPx_ = 0, nearPx_ = 0;  // tracking px
  std::vector<double> lastCorrelation_;          // of each marker's last match in binned px
  std::vector<double> lastCoarseCorrelation_;    // and in tracking px
};

// `named` (just found and counted) with the markers of `kept` whose labels it lacks and which lie
// in the order their labels say (head to foot), away from every named one. When a kept marker
// contradicts the new names, only `named` is returned and `note` says why.
std::vector<LevelMarker> mergeLabels(const std::vector<LevelMarker>& kept,
                                     std::vector<LevelMarker> named,
                                     const core::PatientOrientation& orientation, int lumbarCount,
                                     std::string* note);

}  // namespace fg::guidance
