#pragma once
// Contrast comes out of the needle's tip and spreads from there: through the epidural fat, along
// a nerve root, into the thecal sac, or away in a vessel. A positive change far from the tip and
// from the spread already seen (bowel gas that drifted, a loop of bowel, the diaphragm) is not
// contrast. The site is where the needle's tip was last seen; without one, an arrival must prove
// itself by persisting over several frames instead.
// Units: analysis px; sizes in mm through the AnalysisScale.

#include <optional>

#include <opencv2/core.hpp>

#include "guidance/AnalysisScale.hpp"

namespace fg::guidance {

// The first contrast lies within this distance of the tip (the needle's bevel and the first
// millilitre), and each frame's spread within this reach of what was there before.
inline constexpr double kArrivalReachMm = 15;
inline constexpr double kSpreadReachMm = 12;

// The components of `spread` (CV_8UC1) that touch `seed` (CV_8UC1); the others are cleared.
void keepTouching(cv::Mat& spread, const cv::Mat& seed);

// The needle as the site of an injection (analysis px): its tip and the other visible end.
struct NeedleSite {
  cv::Point2d tipPx, hubPx;
  // How far the tip moved forward (along the needle) over the last kAdvanceWindowS (px, as tipPx):
  // a needle being advanced changes the image at its tip frame after frame, as contrast arriving
  // there would.
  double tipMovedPx = 0;
};
inline constexpr double kAdvanceWindowS = 0.5;
inline constexpr double kAdvancingMm = 1.0;  // moved this much within the window: being advanced

// Where this frame's contrast may be: within kSpreadReachMm of `accumulated` (may be empty) and
// within kArrivalReachMm of the needle (if any). Empty when neither is known.
cv::Mat injectionSeed(cv::Size size, const cv::Mat& accumulated, const std::optional<NeedleSite>& needle,
                      const AnalysisScale& scale);

}  // namespace fg::guidance
