#include "app/ImageViewPanel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "app/ContrastLayers.hpp"
#include "app/LevelBanner.hpp"

namespace fg::app {
namespace {
constexpr render::Color kNeedleColor{0.2f, 0.9f, 1.0f, 1.0f};  // cyan: not a colour of the spread
constexpr render::Color kNeedleHeadingColor{0.2f, 0.9f, 1.0f, 0.45f};
constexpr double kNeedleHeadingMm = 20.0;  // how far the axis is drawn on past the tip
constexpr render::Color kPlanColor{1.0f, 0.35f, 0.9f, 1.0f};  // magenta: the plan, not the image
constexpr float kGrabRadiusViewPx = 10.0f;
const guidance::LevelState kNoLevels;
}  // namespace

void ImageViewPanel::addLevelOverlays(const render::ViewTransform& view,
                                      const core::FrameFormat& format, const ViewerState& state,
                                      const guidance::AnalysisResult* analysis, bool current) {
  const PlanState& plan = state.plan;
  const guidance::LevelState& levels = analysis != nullptr ? analysis->levels : kNoLevels;
  const std::vector<guidance::LevelMarker>* markers = plan.draggedLevels();
  if (markers == nullptr) markers = &levels.markers;
  // Level and side, on every snapshot and saved frame (the overlay is burned into them).
  const auto suggestion =
      suggestLevel(levels, plan.plan().targetPx,
                   analysis != nullptr && current ? &analysis->needle : nullptr, format);
  app::addLevelOverlays(overlays_, view, *markers, plan.selectedLevel(), current,
                        levelBanner(plan.timeOut(), suggestion));
}

void ImageViewPanel::addPlanOverlays(const render::ViewTransform& view,
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
        char text[160];
        std::snprintf(text, sizeof text, "tip %.1f mm | ahead %.1f | miss %.1f mm%s",
                      r.tipToTargetMm, r.aheadMm, r.missMm, r.atIsocentre ? "" : " (at detector)");
        label = text;
        if (r.angleToPlanDeg) {
          std::snprintf(text, sizeof text, " | %.1f deg off plan", *r.angleToPlanDeg);
          label += text;
        }
        // Where the needle's axis reaches the target's depth.
        overlays_.marker(v(r.axisAtTargetPx), render::MarkerShape::Circle, kNeedleColor, 8, 1.5f);
      } else {
        label = reading.status().message();
      }
    }
    overlays_.text(v(*p.targetPx), label, kPlanColor, {0.0f, 1.0f}, {12, -12});
  }
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
            : "calibration: click the second point";
    overlays_.screenText({12.0f, 40.0f}, what, render::colors::kYellow, {0.0f, 0.0f},
                         {0, 0, 0, 0.6f});
  }
}

void ImageViewPanel::buildOverlays(const render::ViewTransform& view,
                                   const core::FrameFormat& format, const ViewerState& state,
                                   const StatusSnapshot& status,
                                   const guidance::AnalysisResult* analysis, double contrastAgeS) {
  overlays_.clear();
  render::addStandardAnnotations(
      overlays_, view, format, status.stream,
      state.showAnnotations ? render::Annotations::Shown : render::Annotations::Hidden);
  // The detected needle, when current: a ring at the tip and where it heads (the axis carried on
  // past the tip). Nothing is drawn over the shaft: the radiologist must see the needle itself.
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
  } else if (contrastAgeS > kStaleOverlayS) {
    std::snprintf(text, sizeof text, "%s WITHHELD: analysis %.1f s behind",
                  toString(state.contrastView), contrastAgeS);
    color = render::colors::kRed;
  } else {
    std::snprintf(text, sizeof text, "%s | mask %.1f s | %.0f ms%s", toString(state.contrastView),
                  contrast->maskAgeS, contrastAgeS * 1000,
                  contrast->registrationTrusted ? "" : " | REGISTRATION FAILED");
    if (!contrast->registrationTrusted) color = render::colors::kAmber;
  }
  overlays_.screenText(corner, text, color, {0.0f, 1.0f}, {0, 0, 0, 0.6f});
}

render::LayerOpacities ImageViewPanel::prepareLayers(render::ImageRenderer& renderer,
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

void ImageViewPanel::draw(ImVec2 pos, ImVec2 size, render::ImageRenderer& renderer,
                          ViewerState& state, const core::FrameRef& frame,
                          const StatusSnapshot& status, const guidance::AnalysisResult* analysis) {
  const guidance::ContrastResult* contrast = analysis != nullptr ? &analysis->contrast : nullptr;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 255));
  const ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("Live image", nullptr, flags);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int width = std::max(1, static_cast<int>(avail.x)),
            height = std::max(1, static_cast<int>(avail.y));

  if (!frame || !renderer.hasImage()) {
    const char* text = status.hasSource ? "Waiting for the first image..."
                                        : "No source open. Choose one in the Source menu.";
    const ImVec2 textSize = ImGui::CalcTextSize(text);
    ImGui::SetCursorPos(ImVec2((avail.x - textSize.x) / 2, (avail.y - textSize.y) / 2));
    ImGui::TextUnformatted(text);
    if (!status.captureError.empty()) {
      ImGui::SetCursorPosX((avail.x - ImGui::CalcTextSize(status.captureError.c_str()).x) / 2);
      ImGui::TextColored(ImVec4(1, 0.4f, 0.3f, 1), "%s", status.captureError.c_str());
    }
  } else {
    const core::FrameFormat& format = frame->format();
    if (!state.windowLevelSet) {
      state.display.windowLevel = render::autoWindowLevel(*frame);
      state.windowLevelSet = true;
    }
    if (!target_.resize(width, height).isOk()) {
      ImGui::TextUnformatted("The graphics driver refused the view size.");
    } else {
      const render::ViewTransform view = renderer.viewFor(target_, state.view);
      const double contrastAgeS = contrast != nullptr ? overlayAgeS(*contrast, *frame) : 0.0;
      const bool current = contrast != nullptr &&
                           contrast->maskState == guidance::MaskState::Frozen &&
                           contrastAgeS <= kStaleOverlayS;
      const bool needleCurrent =
          analysis != nullptr && analysis->needle.found && contrastAgeS <= kStaleOverlayS;
      DrawnKey key{frame->id(),
                   width,
                   height,
                   state.view.zoom,
                   state.view.panPx.x,
                   state.view.panPx.y,
                   state.display.windowLevel.center,
                   state.display.windowLevel.width,
                   state.display.gamma,
                   state.display.polarity,
                   state.showAnnotations,
                   status.stream.condition,
                   status.stream.condition == render::StreamCondition::Live
                       ? 0
                       : static_cast<int>(status.stream.ageS * 10)};
      key.contrastFrameId = contrast != nullptr ? contrast->frameId : 0;
      key.contrastView = state.contrastView;
      key.overlayOnSubtracted = state.overlayOnSubtracted;
      key.showAccumulated = state.showAccumulated;
      key.contrastCurrent = current;
      key.needleShown = needleCurrent && state.showNeedle;
      key.planRevision = state.plan.revision();
      key.planTool = state.plan.tool();
      key.needleId = needleCurrent ? analysis->contrast.frameId : 0;
      key.opacityPercent = static_cast<int>(state.overlayOpacity * 100);
      key.showGuidance = state.showGuidance;
      key.caption = state.caption;
      key.levelsId =
          analysis != nullptr && !analysis->levels.markers.empty() ? analysis->contrast.frameId : 0;
      if (!(key == drawn_)) {
        const render::LayerOpacities layers = prepareLayers(renderer, state, contrast, current);
        buildOverlays(view, format, state, status, analysis, contrastAgeS);
        renderer.draw(target_, view, state.display, overlays_, layers);
        drawn_ = key;
      }
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(target_.colorTexture())),
                   ImVec2(static_cast<float>(width), static_cast<float>(height)), ImVec2(0, 1),
                   ImVec2(1, 0));
      handleMouse(state, view, format, analysis);
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void ImageViewPanel::handleMouse(ViewerState& state, const render::ViewTransform& view,
                                 const core::FrameFormat& format,
                                 const guidance::AnalysisResult* analysis) {
  const guidance::LevelState& levels = analysis != nullptr ? analysis->levels : kNoLevels;
  if (!ImGui::IsItemHovered() && !windowDragging_) return;
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 origin = ImGui::GetItemRectMin();
  const render::Vec2 mouse{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
  if (io.MouseWheel != 0.0f)
    render::zoomAbout(state.view, view, mouse, io.MouseWheel > 0 ? 1.15f : 1 / 1.15f);
  const render::Vec2 imageAt = view.viewportToImage(mouse);
  const cv::Point2d imagePx(imageAt.x, imageAt.y);
  // The plan: a tool places on click; a marker under the mouse is dragged; otherwise left-drag
  // pans.
  PlanState& plan = state.plan;
  const bool placing = plan.tool() != PlanTool::None;
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    if (placing) {
      plan.click(imagePx);
    } else {
      const double radius = kGrabRadiusViewPx / view.viewportPxPerImagePx();
      const PlanMarker grabbed = plan.markerNear(imagePx, radius);
      if (grabbed != PlanMarker::None) {
        plan.beginDrag(grabbed);
        markerDragging_ = true;
      } else if (const auto level = plan.levelNear(levels, imagePx, radius)) {
        plan.beginLevelDrag(*level, levels);
        markerDragging_ = true;
      }
    }
  }
  if (markerDragging_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      plan.dragTo(imagePx);
    } else {
      markerDragging_ = false;
      plan.endLevelDrag();
    }
  }
  if (!placing && !markerDragging_ && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
    state.view = {};
  if ((!placing && !markerDragging_ && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) ||
      ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) {
    state.view.panPx.x += io.MouseDelta.x;
    state.view.panPx.y += io.MouseDelta.y;
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
    dragStartWindow_ = state.display.windowLevel;
    windowDragging_ = true;
  }
  if (windowDragging_) {
    if (ImGui::IsMouseDown(ImGuiMouseButton_Right)) {
      const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Right, 0.0f);
      // The whole stored range across 512 px of drag.
      const double rawPerPx = (format.maxValue() + 1.0) / 512.0;
      state.display.windowLevel = render::dragWindowLevel(dragStartWindow_, d.x, d.y, rawPerPx);
      state.windowLevelSet = true;
    } else {
      windowDragging_ = false;
    }
  }
}

void ImageViewPanel::handleKeys(ViewerState& state, const core::FrameRef& frame,
                                const std::vector<WindowLevelPreset>& presets,
                                const guidance::AnalysisResult* analysis) {
  if (ImGui::GetIO().WantTextInput || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
    return;
  const guidance::LevelState& levels = analysis != nullptr ? analysis->levels : kNoLevels;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(GLFW_KEY_I)) {
    state.display.polarity = state.display.polarity == render::Polarity::Inverted
                                 ? render::Polarity::Normal
                                 : render::Polarity::Inverted;
  }
  if (pressed(GLFW_KEY_R)) {  // reset: automatic window, fit, gamma 1
    state.windowLevelSet = false;
    state.view = {};
    state.display.gamma = 1.0;
  }
  if (pressed(GLFW_KEY_0)) state.view = {};
  if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD))
    state.view.zoom = std::min(32.0f, state.view.zoom * 1.25f);
  if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT))
    state.view.zoom = std::max(0.1f, state.view.zoom / 1.25f);
  if (pressed(GLFW_KEY_F11) || pressed(GLFW_KEY_F)) state.fullscreen = !state.fullscreen;
  if (pressed(GLFW_KEY_A)) state.showAnnotations = !state.showAnnotations;
  if (pressed(GLFW_KEY_G)) state.showGuidance = !state.showGuidance;
  if (pressed(GLFW_KEY_F1)) state.showHelp = !state.showHelp;
  if (pressed(GLFW_KEY_S)) state.contrastView = nextContrastView(state.contrastView);
  // The plan from the keyboard: T / E then a click (or the centre of the view with Enter), arrows
  // nudge the selected marker (Shift: 10 px), Ctrl+Z undoes, Delete clears, Esc cancels a tool.
  ImGuiIO& io = ImGui::GetIO();
  PlanState& plan = state.plan;
  if (pressed(GLFW_KEY_T)) plan.setTool(PlanTool::Target);
  if (pressed(GLFW_KEY_E)) plan.setTool(PlanTool::Entry);
  if (pressed(GLFW_KEY_C) && !io.KeyCtrl) plan.setTool(PlanTool::CalibrateFirst);
  if (pressed(GLFW_KEY_L) && !io.KeyCtrl) plan.setTool(PlanTool::Level);
  if (pressed(GLFW_KEY_O) && !io.KeyCtrl) state.timeOutOpen = true;
  if (pressed(GLFW_KEY_TAB)) plan.selectNextLevel(levels);
  if (pressed(GLFW_KEY_ESCAPE)) plan.cancelCalibration(), plan.setTool(PlanTool::None);
  if (pressed(GLFW_KEY_ENTER) && plan.tool() != PlanTool::None && frame) {
    plan.click({(frame->format().width - 1) / 2.0, (frame->format().height - 1) / 2.0});
  }
  if (io.KeyCtrl && pressed(GLFW_KEY_Z)) plan.undo();
  // Delete: the selected level marker when one is selected, else the target and entry.
  if (pressed(GLFW_KEY_DELETE)) {
    if (const auto level = plan.selectedLevel())
      plan.removeLevel(*level, levels);
    else
      plan.clear();
  }
  const double step = io.KeyShift ? 10.0 : 1.0;
  auto nudge = [&](cv::Point2d d) {
    if (plan.selectedLevel())
      plan.nudgeLevel(d, levels);
    else
      plan.nudge(d);
  };
  if (pressed(GLFW_KEY_LEFT)) nudge({-step, 0});
  if (pressed(GLFW_KEY_RIGHT)) nudge({step, 0});
  if (pressed(GLFW_KEY_UP)) nudge({0, -step});
  if (pressed(GLFW_KEY_DOWN)) nudge({0, step});
  for (size_t i = 0; i < presets.size() && i < 9; ++i) {
    if (pressed(GLFW_KEY_1 + static_cast<int>(i)) && frame) {
      state.display.windowLevel = presetWindowLevel(presets[i], frame->format());
      state.windowLevelSet = true;
    }
  }
}

}  // namespace fg::app
