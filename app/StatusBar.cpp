#include "app/StatusBar.hpp"

#include "app/TextFit.hpp"

#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

namespace fg::app {
namespace {

ImVec4 stateColor(const StatusSnapshot& s) {
  if (!s.hasSource) return {0.6f, 0.6f, 0.6f, 1};
  if (s.stream.condition == render::StreamCondition::Lost) return {1.0f, 0.3f, 0.25f, 1};
  switch (s.stream.mode) {
    case render::StreamMode::Replay:
    case render::StreamMode::Playback:
      return s.stream.paused ? ImVec4(1.0f, 0.65f, 0.1f, 1) : ImVec4(0.4f, 0.6f, 1.0f, 1);
    case render::StreamMode::TestPattern: return {0.75f, 0.75f, 0.75f, 1};
    default: break;
  }
  switch (s.stream.condition) {
    case render::StreamCondition::Live:
      return s.stream.mode == render::StreamMode::Simulated ? ImVec4(0.3f, 0.85f, 0.9f, 1) : ImVec4(0.3f, 0.9f, 0.4f, 1);
    case render::StreamCondition::Held:
    case render::StreamCondition::Ended: return {1.0f, 0.65f, 0.1f, 1};
    default: return {0.6f, 0.6f, 0.6f, 1};
  }
}

}  // namespace

// What the picture is, in words: LIVE only for a live source, never for a replay or a file.
std::string streamStateLabel(const StatusSnapshot& s) {
  if (!s.hasSource) return "NO SOURCE";
  if (s.stream.condition == render::StreamCondition::Lost) return "LOST";
  const std::string mode = render::toString(s.stream.mode);
  switch (s.stream.mode) {
    case render::StreamMode::Replay:
    case render::StreamMode::Playback:
      if (s.stream.paused) return mode + " PAUSED";
      return s.stream.condition == render::StreamCondition::Ended ? mode + " END" : mode;
    default: break;
  }
  switch (s.stream.condition) {
    case render::StreamCondition::Live: return s.framesShown > 0 ? mode : "STARTING";
    case render::StreamCondition::Held: return mode + " HOLD";
    case render::StreamCondition::Ended: return "ENDED";
    default: return "-";
  }
}

namespace {

struct Segment {
  std::string text;
  ImVec4 colour{0.82f, 0.82f, 0.80f, 1};
  std::string tooltip;
};

}  // namespace

float statusBarHeight() { return 2 * ImGui::GetTextLineHeightWithSpacing() + 10.0f; }

namespace {
std::vector<std::string> gHidden;

// One row of segments, in order of importance: what does not fit is elided (the source's name)
// or listed under a trailing "..." with a tooltip; nothing is cut mid-word.
void drawRow(std::vector<Segment>& segments, float budget, const std::string& elidable) {
  const float sep = ImGui::CalcTextSize(" | ").x, more = ImGui::CalcTextSize(" ...").x;
  float used = 0;
  std::string hidden;
  for (size_t i = 0; i < segments.size(); ++i) {
    Segment& seg = segments[i];
    const float gap = i > 0 ? sep : 0;
    if (!elidable.empty() && seg.text == elidable)
      seg.text = elideToWidth(seg.text, std::max(60.0f, std::min(budget - used - gap - more, budget * 0.45f)));
    const float w = ImGui::CalcTextSize(seg.text.c_str()).x;
    if (!hidden.empty() || used + gap + w > budget - (i + 1 < segments.size() ? more : 0)) {
      hidden += (hidden.empty() ? "" : "\n") + seg.text;
      gHidden.push_back(seg.text);
      continue;
    }
    if (i > 0) {
      ImGui::SameLine(0, 0);
      ImGui::TextDisabled(" | ");
      ImGui::SameLine(0, 0);
    }
    ImGui::TextColored(seg.colour, "%s", seg.text.c_str());
    if (!seg.tooltip.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", seg.tooltip.c_str());
    used += gap + w;
  }
  if (!hidden.empty()) {
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled(" ...");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hidden.c_str());
  }
}
}  // namespace

const std::vector<std::string>& statusBarHidden() { return gHidden; }

void drawStatusBar(const StatusSnapshot& s, const ViewerState& state) {
  gHidden.clear();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float h = statusBarHeight();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x, vp->WorkPos.y + vp->WorkSize.y - h));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x, h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8, 4));
  ImGui::Begin("Status bar", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec4 kWarn(1, 0.65f, 0.1f, 1), kDanger(1, 0.3f, 0.25f, 1), kPlain(0.82f, 0.82f, 0.80f, 1);
  // Always shown, at the right of the first row: window/level and zoom.
  char right[96];
  std::snprintf(right, sizeof right, "W %.0f L %.0f%s  zoom %.0f%%", state.display.windowLevel.width,
                state.display.windowLevel.center,
                state.display.polarity == render::Polarity::Inverted ? " INV" : "", state.view.zoom * 100.0f);
  const float rightW = ImGui::CalcTextSize(right).x;
  // First row: what the picture is, recording, a notice, the source's error, the source, its format.
  std::vector<Segment> first, second;
  first.push_back({streamStateLabel(s), stateColor(s), {}});
  if (!state.recordingLabel.empty()) first.push_back({state.recordingLabel, kDanger, {}});

  char text[160];
  if (s.hasSource) {
    if (!s.captureError.empty() && s.stream.condition == render::StreamCondition::Lost)
      first.push_back({s.captureError, kDanger, s.captureError});
    first.push_back({s.source, kPlain, s.source});
    std::snprintf(text, sizeof text, "%dx%d %d-bit", s.format.width, s.format.height, s.format.bitsStored);
    first.push_back({text, kPlain, {}});
    if (s.format.hasSpacing()) {
      std::snprintf(text, sizeof text, "%.3f mm/px", s.format.mmPerPixelX);
      first.push_back({text, kPlain, {}});
    } else {
      first.push_back({"no pixel spacing", kWarn, "sizes cannot be given in mm: calibrate with C or give --mm-per-pixel"});
    }
    // Second row: a notice (what a key did or could not do), the rates, the counters, the latency.
    if (!state.notice.empty() && ImGui::GetTime() - state.noticeAtS < 6.0) second.push_back({state.notice, kWarn, state.notice});
    std::snprintf(text, sizeof text, "in %.1f/s  out %.1f/s", s.framesInPerSecond, s.framesOutPerSecond);
    second.push_back({text, kPlain, {}});
    std::snprintf(text, sizeof text, "dropped %llu  unshown %llu  repeats %llu",
                  static_cast<unsigned long long>(s.capture.droppedPoolEmpty),
                  static_cast<unsigned long long>(s.displayOverwritten),
                  static_cast<unsigned long long>(s.capture.repeatsSkipped));
    second.push_back({text, s.capture.droppedPoolEmpty > 0 ? kDanger : kPlain,
                      "dropped: images lost because every frame buffer was in use\n"
                      "unshown: images replaced by a newer one before the screen showed them\n"
                      "repeats: repeated video frames between X-ray pulses (not new images)"});
    if (s.latency.count > 0)
      std::snprintf(text, sizeof text, "capture->display p50 %.1f ms  p99 %.1f ms", s.latency.p50Ms, s.latency.p99Ms);
    else
      std::snprintf(text, sizeof text, "capture->display -");
    second.push_back({text, kPlain, {}});
  }
  const float width = ImGui::GetContentRegionAvail().x;
  drawRow(first, width - rightW - ImGui::CalcTextSize(" | ").x, s.source);
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - rightW);
  ImGui::TextUnformatted(right);
  if (!second.empty()) drawRow(second, width, {});
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace fg::app
