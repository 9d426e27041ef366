#include "app/LevelBanner.hpp"

#include "guidance/LevelReading.hpp"

namespace fg::app {
namespace {
constexpr render::Color kLevelColor{0.95f, 0.85f, 0.3f, 1.0f};
constexpr float kLabelOffsetViewPx = 46.0f;  // labels stand to the left of the spine
constexpr render::Color kLabelBacking{0, 0, 0, 0.7f};  // legible over a noisy subtracted image
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
    // Beside the spine: to its left, or above it when the picture is turned a quarter.
    const bool sideways = view.orientation().sideways();
    overlays.text(at, m.label + (shaky ? "?" : ""), color, sideways ? render::Pivot{0.5f, 1.0f} : render::Pivot{1.0f, 0.5f},
                  sideways ? render::Vec2{0, -kLabelOffsetViewPx / 2} : render::Vec2{-kLabelOffsetViewPx, 0},
                  kLabelBacking);
  }
  if (banner) {
    // Confirmed: green on black; not yet: black on amber; the tip elsewhere: white on red.
    const render::Color text = banner->disagrees  ? render::colors::kWhite
                               : banner->confirmed ? render::colors::kGreen
                                                   : render::Color{0, 0, 0, 1};
    const render::Color box = banner->disagrees  ? render::Color{0.75f, 0.05f, 0.05f, 0.95f}
                              : banner->confirmed ? render::Color{0, 0, 0, 0.75f}
                                                  : render::Color{1.0f, 0.6f, 0.0f, 0.95f};
    overlays.screenText({static_cast<float>(view.viewportWidth()) - 12.0f, 12.0f}, banner->text, text,
                        {1.0f, 0.0f}, box);
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

std::optional<std::string> timeOutDisagreement(const std::optional<TimeOut>& timeOut,
                                               const std::optional<LevelSuggestion>& atTip) {
  if (!timeOut || !atTip || atTip->level.empty() || atTip->level == timeOut->level) return std::nullopt;
  return atTip->level;
}

std::optional<LevelBanner> levelBanner(const std::optional<TimeOut>& timeOut,
                                       const std::optional<LevelSuggestion>& suggestion,
                                       const std::optional<LevelSuggestion>& atTip) {
  if (timeOut) {
    if (const auto tip = timeOutDisagreement(timeOut, atTip)) {
      return LevelBanner{"TIP AT " + *tip + " - time-out was " + timeOut->level + ": CONFIRM AGAIN (O)", false, true};
    }
    return LevelBanner{
        timeOut->level + " " + toString(timeOut->side) + " | CONFIRMED at time-out " + timeOut->confirmedAt, true};
  }
  if (!suggestion) return std::nullopt;
  std::string text = suggestion->level;
  if (suggestion->side != Side::Invalid) text += std::string(" ") + toString(suggestion->side);
  return LevelBanner{text + " | NOT CONFIRMED (time-out: O)", false};
}

}  // namespace fg::app
