#include "app/StatusBar.hpp"

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

// `text` cut at a word (or, failing that, a character) boundary with "..." to fit `maxWidth`.
std::string elide(const std::string& text, float maxWidth) {
  if (ImGui::CalcTextSize(text.c_str()).x <= maxWidth) return text;
  std::string cut = text;
  while (!cut.empty() && ImGui::CalcTextSize((cut + "...").c_str()).x > maxWidth) {
    const size_t space = cut.find_last_of(" /\\_-");
    cut.resize(space != std::string::npos && space + 12 > cut.size() ? space : cut.size() - 1);
  }
  return cut + "...";
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
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec4 kWarn(1, 0.65f, 0.1f, 1), kDanger(1, 0.3f, 0.25f, 1);
  // Always shown, at the right: window/level and zoom.
  char right[96];
  std::snprintf(right, sizeof right, "W %.0f L %.0f%s  zoom %.0f%%", state.display.windowLevel.width,
                state.display.windowLevel.center,
                state.display.polarity == render::Polarity::Inverted ? " INV" : "", state.view.zoom * 100.0f);
  const float rightW = ImGui::CalcTextSize(right).x;
  // In order of importance: what the picture is, recording, a notice, the source's error, the
  // source, its format, the rates and counters, the latency.
  std::vector<Segment> segments;
  segments.push_back({streamStateLabel(s), stateColor(s), {}});
  if (!state.recordingLabel.empty()) segments.push_back({state.recordingLabel, kDanger, {}});
  if (!state.notice.empty() && ImGui::GetTime() - state.noticeAtS < 4.0) segments.push_back({state.notice, kWarn, {}});
  if (s.hasSource) {
    if (!s.captureError.empty() && s.stream.condition == render::StreamCondition::Lost)
      segments.push_back({s.captureError, kDanger, s.captureError});
    segments.push_back({s.source, {0.82f, 0.82f, 0.80f, 1}, s.source});
    char text[160];
    std::snprintf(text, sizeof text, "%dx%d %d-bit", s.format.width, s.format.height, s.format.bitsStored);
    segments.push_back({text, {0.82f, 0.82f, 0.80f, 1}, {}});
    if (s.format.hasSpacing()) {
      std::snprintf(text, sizeof text, "%.3f mm/px", s.format.mmPerPixelX);
      segments.push_back({text, {0.82f, 0.82f, 0.80f, 1}, {}});
    } else {
      segments.push_back({"no pixel spacing", kWarn, "sizes cannot be given in mm: calibrate with C or give --mm-per-pixel"});
    }
    std::snprintf(text, sizeof text, "in %.1f/s  out %.1f/s", s.framesInPerSecond, s.framesOutPerSecond);
    segments.push_back({text, {0.82f, 0.82f, 0.80f, 1}, {}});
    std::snprintf(text, sizeof text, "dropped %llu  unshown %llu  repeats %llu",
                  static_cast<unsigned long long>(s.capture.droppedPoolEmpty),
                  static_cast<unsigned long long>(s.displayOverwritten),
                  static_cast<unsigned long long>(s.capture.repeatsSkipped));
    segments.push_back({text, s.capture.droppedPoolEmpty > 0 ? kDanger : ImVec4(0.82f, 0.82f, 0.80f, 1),
                        "dropped: images lost because every frame buffer was in use\n"
                        "unshown: images replaced by a newer one before the screen showed them\n"
                        "repeats: repeated video frames between X-ray pulses (not new images)"});
    if (s.latency.count > 0)
      std::snprintf(text, sizeof text, "capture->display p50 %.1f ms  p99 %.1f ms", s.latency.p50Ms, s.latency.p99Ms);
    else
      std::snprintf(text, sizeof text, "capture->display -");
    segments.push_back({text, {0.82f, 0.82f, 0.80f, 1}, {}});
  }
  const float sep = ImGui::CalcTextSize(" | ").x;
  const float budget = ImGui::GetContentRegionAvail().x - rightW - sep;
  float used = 0;
  std::string hidden;
  for (size_t i = 0; i < segments.size(); ++i) {
    Segment& seg = segments[i];
    const float room = budget - used - (i > 0 ? sep : 0) - ImGui::CalcTextSize(" ...").x;
    // The source's name may give way (elided) before anything else is dropped.
    if (i <= 2 || seg.text == s.source) seg.text = elide(seg.text, std::max(40.0f, std::min(room, budget * 0.35f)));
    const float w = ImGui::CalcTextSize(seg.text.c_str()).x;
    if (!hidden.empty() || used + w + (i > 0 ? sep : 0) > budget - ImGui::CalcTextSize(" ...").x) {
      hidden += (hidden.empty() ? "" : "\n") + segments[i].text;
      continue;
    }
    if (i > 0) {
      ImGui::SameLine(0, 0);
      ImGui::TextDisabled(" | ");
      ImGui::SameLine(0, 0);
    }
    ImGui::TextColored(seg.colour, "%s", seg.text.c_str());
    if (!seg.tooltip.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", seg.tooltip.c_str());
    used += w + (i > 0 ? sep : 0);
  }
  if (!hidden.empty()) {
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled(" ...");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hidden.c_str());
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - rightW);
  ImGui::TextUnformatted(right);
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace fg::app
