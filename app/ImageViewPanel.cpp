#include "app/ImageViewPanel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdint>

namespace fg::app {

void ImageViewPanel::buildOverlays(const render::ViewTransform& view, const core::FrameFormat& format,
                                   const ViewerState& state, const StatusSnapshot& status) {
  overlays_.clear();
  render::addStandardAnnotations(overlays_, view, format, status.stream,
                                 state.showAnnotations ? render::Annotations::Shown : render::Annotations::Hidden);
}

void ImageViewPanel::draw(ImVec2 pos, ImVec2 size, render::ImageRenderer& renderer, ViewerState& state,
                          const core::FrameRef& frame, const StatusSnapshot& status) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(0, 0, 0, 255));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("Live image", nullptr, flags);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const int width = std::max(1, static_cast<int>(avail.x)), height = std::max(1, static_cast<int>(avail.y));

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
      const DrawnKey key{frame->id(), width, height, state.view.zoom, state.view.panPx.x, state.view.panPx.y,
                         state.display.windowLevel.center, state.display.windowLevel.width,
                         state.display.gamma, state.display.polarity, state.showAnnotations,
                         status.stream.condition,
                         status.stream.condition == render::StreamCondition::Live
                             ? 0 : static_cast<int>(status.stream.ageS * 10)};
      if (!(key == drawn_)) {
        buildOverlays(view, format, state, status);
        renderer.draw(target_, view, state.display, overlays_);
        drawn_ = key;
      }
      ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(target_.colorTexture())),
                   ImVec2(static_cast<float>(width), static_cast<float>(height)), ImVec2(0, 1), ImVec2(1, 0));
      handleMouse(state, view, format);
    }
  }
  ImGui::End();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
}

void ImageViewPanel::handleMouse(ViewerState& state, const render::ViewTransform& view,
                                 const core::FrameFormat& format) {
  if (!ImGui::IsItemHovered() && !windowDragging_) return;
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 origin = ImGui::GetItemRectMin();
  const render::Vec2 mouse{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
  if (io.MouseWheel != 0.0f) render::zoomAbout(state.view, view, mouse, io.MouseWheel > 0 ? 1.15f : 1 / 1.15f);
  if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) state.view = {};
  if (ImGui::IsMouseDragging(ImGuiMouseButton_Left) || ImGui::IsMouseDragging(ImGuiMouseButton_Middle)) {
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
                                const std::vector<WindowLevelPreset>& presets) {
  if (ImGui::GetIO().WantTextInput) return;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  if (pressed(GLFW_KEY_I)) {
    state.display.polarity = state.display.polarity == render::Polarity::Inverted ? render::Polarity::Normal
                                                                                   : render::Polarity::Inverted;
  }
  if (pressed(GLFW_KEY_R)) {  // reset: automatic window, fit, gamma 1
    state.windowLevelSet = false;
    state.view = {};
    state.display.gamma = 1.0;
  }
  if (pressed(GLFW_KEY_0)) state.view = {};
  if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD)) state.view.zoom = std::min(32.0f, state.view.zoom * 1.25f);
  if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT)) state.view.zoom = std::max(0.1f, state.view.zoom / 1.25f);
  if (pressed(GLFW_KEY_F11) || pressed(GLFW_KEY_F)) state.fullscreen = !state.fullscreen;
  if (pressed(GLFW_KEY_A)) state.showAnnotations = !state.showAnnotations;
  if (pressed(GLFW_KEY_F1)) state.showHelp = !state.showHelp;
  for (size_t i = 0; i < presets.size() && i < 9; ++i) {
    if (pressed(GLFW_KEY_1 + static_cast<int>(i)) && frame) {
      state.display.windowLevel = presetWindowLevel(presets[i], frame->format());
      state.windowLevelSet = true;
    }
  }
}

}  // namespace fg::app
