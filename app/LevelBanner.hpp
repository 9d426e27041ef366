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
  bool disagrees = false;  // the needle's tip is at another level than the one confirmed
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

// `atTip`: the level under the needle's tip now (none without a needle between markers). When it
// differs from the confirmed level the banner says so and the time-out must be done again.
std::optional<LevelBanner> levelBanner(const std::optional<TimeOut>& timeOut,
                                       const std::optional<LevelSuggestion>& suggestion,
                                       const std::optional<LevelSuggestion>& atTip = std::nullopt);
// The tip's level when it is not the one the time-out confirmed.
std::optional<std::string> timeOutDisagreement(const std::optional<TimeOut>& timeOut,
                                               const std::optional<LevelSuggestion>& atTip);

// Each marker as a ring with its label beside the spine (amber with "?" when it lost the image or
// the analysis is behind), and the banner in the view's top-right corner.
void addLevelOverlays(render::OverlayList& overlays, const render::ViewTransform& view,
                      const std::vector<guidance::LevelMarker>& markers,
                      std::optional<size_t> selected, bool current,
                      const std::optional<LevelBanner>& banner);

}  // namespace fg::app
