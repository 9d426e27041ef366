#include "app/StatusBar.hpp"

#include <imgui.h>

namespace fg::app {
namespace {

ImVec4 stateColor(const StatusSnapshot& s) {
  if (!s.hasSource) return {0.6f, 0.6f, 0.6f, 1};
  switch (s.stream.condition) {
    case render::StreamCondition::Live: return {0.3f, 0.9f, 0.4f, 1};
    case render::StreamCondition::Held:
    case render::StreamCondition::Ended: return {1.0f, 0.65f, 0.1f, 1};
    case render::StreamCondition::Lost: return {1.0f, 0.3f, 0.25f, 1};
    default: return {0.6f, 0.6f, 0.6f, 1};
  }
}

const char* stateLabel(const StatusSnapshot& s) {
  if (!s.hasSource) return "NO SOURCE";
  switch (s.stream.condition) {
    case render::StreamCondition::Live: return s.framesShown > 0 ? "LIVE" : "STARTING";
    case render::StreamCondition::Held: return "HOLD";
    case render::StreamCondition::Ended: return "ENDED";
    case render::StreamCondition::Lost: return "LOST";
    default: return "-";
  }
}

void separator() {
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
}

}  // namespace

float statusBarHeight() { return ImGui::GetFrameHeight() + 8.0f; }

void drawStatusBar(const StatusSnapshot& s, const ViewerState& state) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = statusBarHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
  ImGui::Begin("Status bar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImGui::TextColored(stateColor(s), "%s", stateLabel(s));
  if (s.hasSource) {
    separator();
    ImGui::TextUnformatted(s.source.c_str());
    separator();
    ImGui::Text("%dx%d %d-bit", s.format.width, s.format.height, s.format.bitsStored);
    ImGui::SameLine();
    if (s.format.hasSpacing()) ImGui::Text("%.3f mm/px", s.format.mmPerPixelX);
    else ImGui::TextColored(ImVec4(1, 0.65f, 0.1f, 1), "no spacing");
    separator();
    ImGui::Text("in %.1f/s  out %.1f/s", s.framesInPerSecond, s.framesOutPerSecond);
    separator();
    const bool losses = s.capture.droppedPoolEmpty > 0;
    ImGui::TextColored(losses ? ImVec4(1, 0.3f, 0.25f, 1) : ImVec4(0.8f, 0.8f, 0.8f, 1),
                       "dropped %llu", static_cast<unsigned long long>(s.capture.droppedPoolEmpty));
    ImGui::SameLine();
    ImGui::Text("unshown %llu  repeats %llu", static_cast<unsigned long long>(s.displayOverwritten),
                static_cast<unsigned long long>(s.capture.repeatsSkipped));
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("dropped: images lost because every frame buffer was in use\n"
                        "unshown: images replaced by a newer one before the screen showed them\n"
                        "repeats: repeated video frames between X-ray pulses (not new images)");
    }
    separator();
    if (s.latency.count > 0) {
      ImGui::Text("capture->display p50 %.1f ms  p99 %.1f ms", s.latency.p50Ms, s.latency.p99Ms);
    } else {
      ImGui::TextDisabled("capture->display -");
    }
  }
  separator();
  ImGui::Text("W %.0f L %.0f%s  zoom %.0f%%", state.display.windowLevel.width, state.display.windowLevel.center,
              state.display.polarity == render::Polarity::Inverted ? " INV" : "", state.view.zoom * 100.0f);
  if (!s.captureError.empty() && s.stream.condition == render::StreamCondition::Lost) {
    separator();
    ImGui::TextColored(ImVec4(1, 0.3f, 0.25f, 1), "%s", s.captureError.c_str());
  }
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace fg::app
