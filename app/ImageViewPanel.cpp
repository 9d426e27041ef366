#include "app/ImageViewPanel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "app/ContrastLayers.hpp"
#include "app/SideDialog.hpp"

namespace fg::app {
namespace {
constexpr float kGrabRadiusViewPx = 10.0f;
const guidance::LevelState kNoLevels;
}  // namespace

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
      key.orientation = state.view.orientation;
      key.mode = status.stream.mode;
      key.paused = status.stream.paused;
      key.patient = state.patientLine;
      key.levelsId =
          analysis != nullptr && !analysis->levels.markers.empty() ? analysis->contrast.frameId : 0;
      if (!(key == drawn_)) {
        const render::LayerOpacities layers =
            guidance_.compose(renderer, view, format, state, status, analysis, contrastAgeS, current);
        renderer.draw(target_, view, state.display, guidance_.overlays(), layers);
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
    state.view = fitted(state.view);
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
  if (!dialogs::keysForImage()) return;
  const guidance::LevelState& levels = analysis != nullptr ? analysis->levels : kNoLevels;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(GLFW_KEY_I)) {
    state.display.polarity = state.display.polarity == render::Polarity::Inverted
                                 ? render::Polarity::Normal
                                 : render::Polarity::Inverted;
  }
  if (pressed(GLFW_KEY_R)) {  // reset: automatic window, fit, gamma 1
    state.windowLevelSet = false;
    state.view = fitted(state.view);
    state.display.gamma = 1.0;
  }
  if (pressed(GLFW_KEY_0)) state.view = fitted(state.view);
  // The picture turned and mirrored to match the C-arm's monitor (kept with the case): H and V
  // mirror, [ and ] turn a quarter.
  if (pressed(GLFW_KEY_H)) state.view.orientation.flipHorizontal = !state.view.orientation.flipHorizontal;
  if (pressed(GLFW_KEY_V)) state.view.orientation.flipVertical = !state.view.orientation.flipVertical;
  if (pressed(GLFW_KEY_RIGHT_BRACKET)) state.view.orientation.quarterTurns = (state.view.orientation.quarterTurns + 1) % 4;
  if (pressed(GLFW_KEY_LEFT_BRACKET)) state.view.orientation.quarterTurns = (state.view.orientation.quarterTurns + 3) % 4;
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
  if (pressed(GLFW_KEY_D)) plan.setTool(io.KeyShift ? PlanTool::Angle : PlanTool::Distance);
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
  // 1 .. 9: the presets defined; a key without one says so rather than doing nothing.
  for (size_t i = 0; i < 9; ++i) {
    if (!pressed(GLFW_KEY_1 + static_cast<int>(i))) continue;
    if (i < presets.size() && frame) {
      state.display.windowLevel = presetWindowLevel(presets[i], frame->format());
      state.windowLevelSet = true;
      state.notice = "preset " + std::to_string(i + 1) + ": " + presets[i].name;
    } else if (i >= presets.size()) {
      state.notice = "no preset " + std::to_string(i + 1) + ": presets 1-" + std::to_string(presets.size()) +
                     " are defined (View > Window/level preset)";
    }
    state.noticeAtS = ImGui::GetTime();
  }
}

}  // namespace fg::app
