#include "app/LevelBanner.hpp"

#include "guidance/LevelReading.hpp"

namespace fg::app {
namespace {
constexpr render::Color kLevelColor{0.95f, 0.85f, 0.3f, 1.0f};
constexpr float kLabelOffsetViewPx = 46.0f;  // labels stand to the left of the spine
}  // namespace

void addLevelOverlays(render::OverlayList& overlays, const render::ViewTransform& view,
                      const std::vector<guidance::LevelMarker>& markers,
                      std::optional<size_t> selected, bool current,
                      const std::optional<LevelBanner>& banner) {
  for (size_t i = 0; i < markers.size(); ++i) {
    const guidance::LevelMarker& m = markers[i];
    const bool shaky = m.lost || !current;
    const render::Color color = shaky ? render::colors::kAmber : kLevelColor;
    const render::Vec2 at{static_cast<float>(m.centerPx.x), static_cast<float>(m.centerPx.y)};
    const bool isSelected = selected && *selected == i;
    overlays.marker(at, render::MarkerShape::Circle, color, isSelected ? 12.0f : 7.0f,
                    isSelected ? 2.5f : 1.5f);
    overlays.text(at, m.label + (shaky ? "?" : ""), color, {1.0f, 0.5f}, {-kLabelOffsetViewPx, 0});
  }
  if (banner) {
    overlays.screenText({static_cast<float>(view.viewportWidth()) - 12.0f, 12.0f}, banner->text,
                        banner->confirmed ? kLevelColor : render::colors::kAmber, {1.0f, 0.0f},
                        {0, 0, 0, 0.6f});
  }
}

std::optional<LevelSuggestion> suggestLevel(const guidance::LevelState& levels,
                                            const std::optional<cv::Point2d>& targetPx,
                                            const guidance::NeedleObservation* needle,
                                            const core::FrameFormat& format) {
  std::optional<cv::Point2d> at = targetPx;
  if (!at && needle != nullptr && needle->found) at = needle->tipPx;
  if (!at) return std::nullopt;
  const auto level = guidance::levelAt(levels.markers, *at, format.orientation);
  if (!level) return std::nullopt;
  LevelSuggestion out;
  out.level = *level;
  switch (guidance::sideAt(levels.markers, *at, format)) {
    case guidance::PatientSide::Left:
      out.side = Side::Left;
      break;
    case guidance::PatientSide::Right:
      out.side = Side::Right;
      break;
    case guidance::PatientSide::Midline:
      out.side = Side::Midline;
      break;
    default:
      break;
  }
  return out;
}

std::optional<LevelBanner> levelBanner(const std::optional<TimeOut>& timeOut,
                                       const std::optional<LevelSuggestion>& suggestion) {
  if (timeOut) {
    return LevelBanner{
        timeOut->level + " " + toString(timeOut->side) + " | time-out " + timeOut->confirmedAt,
        true};
  }
  if (!suggestion) return std::nullopt;
  std::string text = suggestion->level;
  if (suggestion->side != Side::Invalid) text += std::string(" ") + toString(suggestion->side);
  return LevelBanner{text + " | time-out not done", false};
}

}  // namespace fg::app
