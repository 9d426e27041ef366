#pragma once
// The level and side written on the image (and so on every snapshot and saved frame): after the
// time-out what was confirmed, "L4-5 LEFT | time-out 14:32:05"; before it what the markers say at
// the target (or else the needle's tip), marked as not confirmed.

#include <optional>
#include <string>

#include "app/PlanState.hpp"
#include "guidance/AnalysisThread.hpp"
#include "render/OverlayList.hpp"
#include "render/ViewTransform.hpp"

namespace fg::app {

struct LevelBanner {
  std::string text;
  bool confirmed = false;
};

// The level and side the markers give at the target, else at the needle's tip (`needle` may be
// null); none without level markers around it.
struct LevelSuggestion {
  std::string level;          // "L4-5" or "L4"
  Side side = Side::Invalid;  // Invalid: no side from this view
};
std::optional<LevelSuggestion> suggestLevel(const guidance::LevelState& levels,
                                            const std::optional<cv::Point2d>& targetPx,
                                            const guidance::NeedleObservation* needle,
                                            const core::FrameFormat& format);

std::optional<LevelBanner> levelBanner(const std::optional<TimeOut>& timeOut,
                                       const std::optional<LevelSuggestion>& suggestion);

// Each marker as a ring with its label beside the spine (amber with "?" when it lost the image or
// the analysis is behind), and the banner in the view's top-right corner.
void addLevelOverlays(render::OverlayList& overlays, const render::ViewTransform& view,
                      const std::vector<guidance::LevelMarker>& markers,
                      std::optional<size_t> selected, bool current,
                      const std::optional<LevelBanner>& banner);

}  // namespace fg::app
