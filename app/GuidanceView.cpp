#include "app/GuidanceView.hpp"
#include "app/Readings.hpp"

#include <cmath>

#include <cstdio>

#include "app/ContrastLayers.hpp"
#include "app/LevelBanner.hpp"

namespace fg::app {
namespace {
constexpr render::Color kNeedleColor{0.2f, 0.9f, 1.0f, 1.0f};  // cyan: not a colour of the spread
constexpr render::Color kNeedleHeadingColor{0.2f, 0.9f, 1.0f, 0.45f};
constexpr double kNeedleHeadingMm = 20.0;  // how far the axis is drawn on past the tip
constexpr render::Color kPlanColor{1.0f, 0.35f, 0.9f, 1.0f};  // magenta: the plan, not the image
const guidance::LevelState kNoLevels;
}  // namespace

render::LayerOpacities GuidanceView::compose(render::ImageRenderer& renderer,
                                             const render::ViewTransform& view,
                                             const core::FrameFormat& format,
                                             const ViewerState& state, const StatusSnapshot& status,
                                             const guidance::AnalysisResult* analysis,
                                             double contrastAgeS, bool contrastCurrent) {
  buildOverlays(view, format, state, status, analysis, contrastAgeS);
  return prepareLayers(renderer, state, analysis != nullptr ? &analysis->contrast : nullptr,
                       contrastCurrent);
}

void GuidanceView::addLevelOverlays(const render::ViewTransform& view,
                                    const core::FrameFormat& format, const ViewerState& state,
                                    const guidance::AnalysisResult* analysis, bool current) {
  const PlanState& plan = state.plan;
  const guidance::LevelState& levels = analysis != nullptr ? analysis->levels : kNoLevels;
  const std::vector<guidance::LevelMarker>* markers = plan.draggedLevels();
  if (markers == nullptr) markers = &levels.markers;
  // Level and side, on every snapshot and saved frame (the overlay is burned into them).
  // As the time-out reads it: under the needle's tip, else at the target.
  const auto atTip = analysis != nullptr && current
                         ? suggestLevel(levels, std::nullopt, &analysis->needle, format)
                         : std::nullopt;
  const auto suggestion = atTip ? atTip : suggestLevel(levels, plan.plan().targetPx, nullptr, format);
  app::addLevelOverlays(overlays_, view, *markers, plan.selectedLevel(), current,
                        levelBanner(plan.timeOut(), suggestion, atTip));
}

void GuidanceView::addPlanOverlays(const render::ViewTransform& view,
                                   const core::FrameFormat& format, const ViewerState& state,
                                   const guidance::NeedleObservation* needle) {
  (void)view;
  const PlanState& plan = state.plan;
  auto v = [](cv::Point2d p) {
    return render::Vec2{static_cast<float>(p.x), static_cast<float>(p.y)};
  };
  const auto& p = plan.plan();
  if (p.entryPx && p.targetPx) overlays_.line(v(*p.entryPx), v(*p.targetPx), kPlanColor, 1.5f);
  if (p.entryPx) overlays_.marker(v(*p.entryPx), render::MarkerShape::Square, kPlanColor, 10, 1.5f);
  if (p.targetPx) {
    overlays_.marker(v(*p.targetPx), render::MarkerShape::Cross, kPlanColor, 18, 2.0f);
    std::string label = "TARGET";
    if (needle != nullptr && needle->found) {
      const auto reading = guidance::readTrajectory(p, *needle, format, plan.calibratedMmPerPx());
      if (reading) {
        const auto& r = reading.value();
        label = trajectoryLine(r);
        // Where the needle's axis reaches the target's depth.
        overlays_.marker(v(r.axisAtTargetPx), render::MarkerShape::Circle, kNeedleColor, 8, 1.5f);
      } else {
        label = reading.status().message();
      }
    }
    overlays_.text(v(*p.targetPx), label, kPlanColor, {0.0f, 1.0f}, {12, -12}, {0, 0, 0, 0.7f});
  }
  // The measurements: lines and their readings, with a backing over any image.
  for (const guidance::Measurement& m : plan.measurements()) {
    if (m.pointsPx.size() < 2) continue;
    for (size_t i = 0; i + 1 < m.pointsPx.size(); ++i)
      overlays_.line(v(m.pointsPx[i]), v(m.pointsPx[i + 1]), render::colors::kCyan, 1.5f);
    const cv::Point2d at = m.kind == guidance::MeasurementKind::Angle ? m.pointsPx[1]
                                                                      : (m.pointsPx[0] + m.pointsPx[1]) * 0.5;
    overlays_.text(v(at), guidance::measurementText(m, format, plan.calibratedMmPerPx()), render::colors::kCyan,
                   {0.0f, 1.0f}, {10, -8}, {0, 0, 0, 0.7f});
  }
  for (const cv::Point2d& p : plan.measuring())
    overlays_.marker(v(p), render::MarkerShape::Cross, render::colors::kCyan, 10, 1.5f);
  if (const auto points = plan.calibrationPoints()) {
    overlays_.line(v(points->first), v(points->second), render::colors::kAmber, 1.5f);
  }
  if (plan.tool() != PlanTool::None) {
    const char* what =
        plan.tool() == PlanTool::Target  ? "click the target (Enter: the centre; Esc cancels)"
        : plan.tool() == PlanTool::Entry ? "click the skin entry (Esc cancels)"
        : plan.tool() == PlanTool::CalibrateFirst ? "calibration: click the first point"
        : plan.tool() == PlanTool::Level
            ? "click the centre of a vertebra you can name (Esc cancels)"
        : plan.tool() == PlanTool::Distance
            ? (plan.measuring().empty() ? "ruler: click the first point (Esc cancels)" : "ruler: click the second point")
        : plan.tool() == PlanTool::Angle
            ? (plan.measuring().empty()       ? "angle: click the end of the first arm (Esc cancels)"
               : plan.measuring().size() == 1 ? "angle: click the vertex"
                                              : "angle: click the end of the second arm")
            : "calibration: click the second point";
    overlays_.screenText({12.0f, 68.0f}, what, render::colors::kYellow, {0.0f, 0.0f},
                         {0, 0, 0, 0.6f});
  }
}

void GuidanceView::buildOverlays(const render::ViewTransform& view, const core::FrameFormat& format,
                                 const ViewerState& state, const StatusSnapshot& status,
                                 const guidance::AnalysisResult* analysis, double contrastAgeS) {
  overlays_.clear();
  render::addStandardAnnotations(
      overlays_, view, format, status.stream,
      state.showAnnotations ? render::Annotations::Shown : render::Annotations::Hidden);
  // The patient, always (guidance hidden or not): every key image says whose it is.
  if (!state.patientLine.empty()) {
    overlays_.screenText({12.0f, 40.0f}, state.patientLine, render::colors::kWhite, {0.0f, 0.0f},
                         state.patientKnown ? render::Color{0.1f, 0.1f, 0.12f, 0.8f}
                                            : render::Color{0.55f, 0.35f, 0.0f, 0.9f});
  }
  if (!state.caption.empty()) {
    overlays_.screenText({static_cast<float>(view.viewportWidth()) / 2, 12.0f}, state.caption,
                         render::colors::kWhite, {0.5f, 0.0f}, {0.05f, 0.2f, 0.3f, 0.75f});
  }
  if (!state.showGuidance) {
    overlays_.screenText({12.0f, static_cast<float>(view.viewportHeight()) - 12.0f},
                         "guidance hidden (G shows it)", render::colors::kWhite, {0.0f, 1.0f},
                         {0, 0, 0, 0.6f});
    return;
  }
  // The detected needle, when current: a ring at the tip and where it heads (the axis carried on
  // past the tip). Nothing is drawn over the shaft: the radiologist must see the needle itself.
  if (analysis != nullptr && analysis->needle.found && contrastAgeS <= kStaleOverlayS &&
      state.showNeedle) {
    const guidance::NeedleObservation& n = analysis->needle;
    const double mmPerPx = format.hasSpacing() ? format.mmPerPixelX : 0.3;
    const cv::Point2d ahead = n.tipPx + n.axis * (kNeedleHeadingMm / mmPerPx);
    overlays_.line({static_cast<float>(n.tipPx.x), static_cast<float>(n.tipPx.y)},
                   {static_cast<float>(ahead.x), static_cast<float>(ahead.y)}, kNeedleHeadingColor,
                   1.5f);
    overlays_.marker({static_cast<float>(n.tipPx.x), static_cast<float>(n.tipPx.y)},
                     render::MarkerShape::Circle, kNeedleColor, 10, 1.5f);
  }
  addPlanOverlays(
      view, format, state,
      analysis != nullptr && contrastAgeS <= kStaleOverlayS ? &analysis->needle : nullptr);
  addLevelOverlays(view, format, state, analysis, contrastAgeS <= kStaleOverlayS);
  const guidance::ContrastResult* contrast = analysis != nullptr ? &analysis->contrast : nullptr;
  // What the image shows of the contrast analysis, always on the image: a subtracted or coloured
  // image must never be mistaken for the live one, nor old guidance for current.
  if (state.contrastView == ContrastView::Live) return;
  const render::Vec2 corner{12.0f, static_cast<float>(view.viewportHeight()) - 12.0f};
  char text[160];
  render::Color color = render::colors::kWhite;
  if (contrast == nullptr || contrast->maskState != guidance::MaskState::Frozen) {
    std::snprintf(text, sizeof text, "%s: collecting mask", toString(state.contrastView));
  } else if (!std::isfinite(contrastAgeS)) {
    std::snprintf(text, sizeof text, "%s WITHHELD: analysis starting again (seek or loop)",
                  toString(state.contrastView));
    color = render::colors::kAmber;
  } else if (contrastAgeS > kStaleOverlayS) {
    std::snprintf(text, sizeof text, "%s WITHHELD: analysis %.1f s behind",
                  toString(state.contrastView), contrastAgeS);
    color = render::colors::kRed;
  } else {
    std::snprintf(text, sizeof text, "%s | mask %.1f s old | analysis %.0f ms behind%s", toString(state.contrastView),
                  contrast->maskAgeS, contrastAgeS * 1000,
                  !contrast->registrationTrusted ? " | REGISTRATION FAILED"
                  : contrast->evidenceHeld       ? " | PATIENT MOVING: earlier spread and pattern held"
                  : contrast->patientMoving      ? " | PATIENT MOVING"
                                                 : "");
    if (!contrast->registrationTrusted || contrast->patientMoving) color = render::colors::kAmber;
  }
  overlays_.screenText(corner, text, color, {0.0f, 1.0f}, {0, 0, 0, 0.6f});
}

render::LayerOpacities GuidanceView::prepareLayers(render::ImageRenderer& renderer,
                                                   const ViewerState& state,
                                                   const guidance::ContrastResult* contrast,
                                                   bool current) {
  if (contrast == nullptr || !current || state.contrastView == ContrastView::Live ||
      !state.showGuidance)
    return {0.0f, 0.0f};
  if (contrast->frameId != uploadedContrastId_ || state.showAccumulated != uploadedAccumulated_) {
    const LayerImage subtracted = subtractedLayer(*contrast);
    if (!subtracted.empty())
      renderer.subtractedLayer().setValues(subtracted.values, subtracted.width, subtracted.height);
    else
      renderer.subtractedLayer().clear();
    const LayerImage spread = spreadLayer(*contrast, state.showAccumulated);
    if (!spread.empty())
      renderer.colormapLayer().setValues(spread.values, spread.width, spread.height);
    else
      renderer.colormapLayer().clear();
    uploadedContrastId_ = contrast->frameId;
    uploadedAccumulated_ = state.showAccumulated;
  }
  if (state.contrastView == ContrastView::Subtracted) return {1.0f, 0.0f};
  return {state.overlayOnSubtracted ? 1.0f : 0.0f, state.overlayOpacity};
}

}  // namespace fg::app
