#include "app/ReplayPanel.hpp"

#include "app/SideDialog.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace fg::app {
namespace {

constexpr float kSpeeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f};
constexpr const char* kSpeedNames[] = {"0.25x", "0.5x", "1x", "2x", "4x"};
constexpr double kCaptionWindowS = 0.5;

ImU32 markColor(ReplayMark::Kind kind) {
  switch (kind) {
    case ReplayMark::Kind::Step:
      return IM_COL32(250, 200, 60, 255);
    case ReplayMark::Kind::TimeOut:
      return IM_COL32(90, 220, 120, 255);
    case ReplayMark::Kind::Note:
      return IM_COL32(90, 200, 250, 255);
    case ReplayMark::Kind::Invalid:
      break;
  }
  return IM_COL32_WHITE;
}

size_t countNotes(const std::vector<ReplayMark>& marks) {
  return static_cast<size_t>(std::count_if(marks.begin(), marks.end(), [](const ReplayMark& m) {
    return m.kind == ReplayMark::Kind::Note;
  }));
}

}  // namespace

void ReplayPanel::attach(std::shared_ptr<capture::PlaybackControl> control,
                         const std::filesystem::path& sourceFolder) {
  control_ = std::move(control);
  caseDir_ = replayedCaseDir(sourceFolder);
  marks_ = control_ ? loadReplayMarks(caseDir_, control_->timeline()) : std::vector<ReplayMark>{};
  error_.clear();
  if (control_) {
    spdlog::info("replay: {} frames in {} runs, {} step markers, {} notes",
                 control_->state().frameCount, control_->timeline().segments.size(),
                 marks_.size() - countNotes(marks_), countNotes(marks_));
  }
}

void ReplayPanel::detach() {
  if (control_) {
    const capture::PlaybackState state = control_->state();
    spdlog::info("replay: left at frame {} / {}", state.position + 1, state.frameCount);
  }
  control_.reset();
  caseDir_.clear();
  marks_.clear();
}

void ReplayPanel::handleKeys() {
  if (!control_ || !dialogs::keysForImage()) return;
  auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  const capture::PlaybackState state = control_->state();
  if (pressed(GLFW_KEY_K)) control_->setPlaying(!state.playing);
  // Held comma/period step on (key repeat), as a trainer scrubs frame by frame.
  if (ImGui::IsKeyPressed(GLFW_KEY_COMMA, true)) control_->step(-1);
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD, true)) control_->step(+1);
  if (pressed(GLFW_KEY_HOME)) control_->seek(0);
  if (pressed(GLFW_KEY_END) && state.frameCount > 0) control_->seek(state.frameCount - 1);
}

std::string ReplayPanel::caption() const {
  if (!control_) return {};
  const capture::PlaybackState state = control_->state();
  if (state.position < 0) return {};
  const double now = control_->secondsAt(static_cast<size_t>(state.position));
  std::string text;
  for (const ReplayMark& m : marks_) {
    if (m.kind == ReplayMark::Kind::Note &&
        std::abs(control_->secondsAt(m.index) - now) <= kCaptionWindowS)
      text.append(text.empty() ? "" : "  |  ").append(m.label);
  }
  return text;
}

void ReplayPanel::draw(ImVec2 pos, ImVec2 size) {
  if (!control_) return;
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("Replay", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoTitleBar |
                   ImGuiWindowFlags_NoScrollbar);
  const capture::PlaybackState state = control_->state();
  drawControls(state);
  drawTimeline(state, ImGui::GetContentRegionAvail().x);
  drawNoteField(state);
  ImGui::End();
}

void ReplayPanel::drawControls(const capture::PlaybackState& state) {
  if (ImGui::Button("|<")) control_->seek(0);
  ImGui::SameLine();
  if (ImGui::Button("<")) control_->step(-1);
  ImGui::SameLine();
  if (ImGui::Button(state.playing ? "Pause (K)" : "Play (K)", ImVec2(80, 0)))
    control_->setPlaying(!state.playing);
  ImGui::SameLine();
  if (ImGui::Button(">")) control_->step(+1);
  ImGui::SameLine();
  if (ImGui::Button(">|") && state.frameCount > 0) control_->seek(state.frameCount - 1);
  ImGui::SameLine();
  int speed = 2;
  for (int i = 0; i < static_cast<int>(std::size(kSpeeds)); ++i) {
    if (std::abs(kSpeeds[i] - state.speed) < 1e-3) speed = i;
  }
  ImGui::SetNextItemWidth(70);
  if (ImGui::Combo("##speed", &speed, kSpeedNames, static_cast<int>(std::size(kSpeedNames))))
    control_->setSpeed(kSpeeds[speed]);
  ImGui::SameLine();
  bool loop = state.loop;
  if (ImGui::Checkbox("Loop", &loop)) control_->setLoop(loop);
  ImGui::SameLine();
  const size_t at = state.position < 0 ? 0 : static_cast<size_t>(state.position);
  const size_t last = state.frameCount > 0 ? state.frameCount - 1 : 0;
  std::string run;
  for (const auto& s : control_->timeline().segments) {
    if (at >= s.firstIndex && at < s.firstIndex + s.frameCount) run = s.name;
  }
  ImGui::Text("%s  frame %zu / %zu  %.1f / %.1f s", run.c_str(), at + 1, state.frameCount,
              control_->secondsAt(at), control_->secondsAt(last));
  if (state.framesPrepared < state.frameCount) {
    // A compressed cine: frames not yet decoded show more slowly until the cache has them all.
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1), "decoding %zu%%",
                       state.framesPrepared * 100 / std::max<size_t>(state.frameCount, 1));
  }
}

void ReplayPanel::drawTimeline(const capture::PlaybackState& state, float width) {
  const float height = 26.0f;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##timeline", ImVec2(std::max(width, 10.0f), height));
  const size_t count = state.frameCount;
  if (count == 0) return;
  const double total = std::max(control_->secondsAt(count - 1), 1e-6);
  auto xAt = [&](size_t index) {
    return origin.x + static_cast<float>(control_->secondsAt(index) / total) * (width - 1);
  };
  // Scrub: the frame nearest the mouse, while the button is held.
  if (ImGui::IsItemActive()) {
    const double at =
        std::clamp((ImGui::GetIO().MousePos.x - origin.x) / (width - 1), 0.0f, 1.0f) * total;
    size_t best = 0;
    for (size_t i = 0; i < count; ++i) {
      if (std::abs(control_->secondsAt(i) - at) < std::abs(control_->secondsAt(best) - at))
        best = i;
    }
    if (static_cast<int64_t>(best) != state.position) control_->seek(best);
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height),
                      IM_COL32(35, 35, 40, 255));
  bool shade = false;
  for (const auto& s : control_->timeline().segments) {
    const float x0 = xAt(s.firstIndex), x1 = xAt(s.firstIndex + s.frameCount - 1) + 1;
    draw->AddRectFilled(ImVec2(x0, origin.y + 4), ImVec2(x1, origin.y + height - 4),
                        shade ? IM_COL32(70, 90, 120, 255) : IM_COL32(60, 75, 100, 255));
    draw->AddText(ImVec2(x0 + 3, origin.y + 5), IM_COL32(200, 210, 225, 255), s.name.c_str());
    shade = !shade;
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool hovered = ImGui::IsItemHovered();
  for (const ReplayMark& m : marks_) {
    const float x = xAt(m.index);
    draw->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + height), markColor(m.kind), 2.0f);
    draw->AddTriangleFilled(ImVec2(x - 4, origin.y), ImVec2(x + 4, origin.y),
                            ImVec2(x, origin.y + 6), markColor(m.kind));
    if (hovered && std::abs(mouse.x - x) <= 4.0f) ImGui::SetTooltip("%s", m.label.c_str());
  }
  if (state.position >= 0) {
    const float x = xAt(static_cast<size_t>(state.position));
    draw->AddLine(ImVec2(x, origin.y - 2), ImVec2(x, origin.y + height + 2), IM_COL32_WHITE, 2.0f);
  }
}

void ReplayPanel::drawNoteField(const capture::PlaybackState& state) {
  if (caseDir_.empty()) {
    ImGui::TextDisabled("A lone run: notes need its case folder.");
    return;
  }
  ImGui::SetNextItemWidth(360);
  const bool entered = ImGui::InputTextWithHint("##note", "note at this frame (Enter adds)", note_,
                                                sizeof note_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Add note") || entered) && note_[0] != '\0' && state.position >= 0) {
    const auto status =
        addReplayNote(caseDir_, control_->timeline(), static_cast<size_t>(state.position), note_);
    if (status) {
      marks_ = loadReplayMarks(caseDir_, control_->timeline());
      note_[0] = '\0';
      error_.clear();
    } else {
      error_ = status.message();
    }
  }
  ImGui::SameLine();
  if (!error_.empty()) {
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1), "%s", error_.c_str());
  } else {
    ImGui::TextDisabled("%zu step markers, %zu notes", marks_.size() - countNotes(marks_),
                        countNotes(marks_));
  }
}

}  // namespace fg::app
