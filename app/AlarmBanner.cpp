#include "app/AlarmBanner.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupToLevel: menus and combo lists give way to an alarm

#include <algorithm>

namespace fg::app {
namespace {
const ImVec4 kBannerBg{0.42f, 0.03f, 0.02f, 1.0f};
const ImVec4 kTitle{1.0f, 0.92f, 0.35f, 1.0f};
const ImVec4 kText{1.0f, 1.0f, 1.0f, 1.0f};
constexpr ImU32 kFrameColour = IM_COL32(235, 30, 20, 255);
constexpr float kFramePx = 6.0f;
}  // namespace

AlarmKind AlarmBanner::draw(AlarmBoard& board, const ScreenLayout& layout, double nowS, uint64_t shownFrameId) {
  drawn_ = {};
  const Alarm* alarm = board.front();
  if (alarm == nullptr) return AlarmKind::Invalid;
  // Nothing may cover it: open menus and combo lists close.
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (g.OpenPopupStack.Size > 0) ImGui::ClosePopupToLevel(0, true);
  // A red frame round the image: seen from the needle without covering it.
  const ScreenRect& im = layout.image;
  ImGui::GetForegroundDrawList()->AddRect(ImVec2(im.x + kFramePx / 2, im.y + kFramePx / 2),
                                          ImVec2(im.x + im.width - kFramePx / 2, im.y + im.height - kFramePx / 2),
                                          kFrameColour, 0, 0, kFramePx);
  const ScreenRect& area = layout.alarms;
  ImGui::SetNextWindowPos(ImVec2(area.x, area.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(area.width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowFocus();  // in front of every window, and the keyboard's
  ImGui::PushStyleColor(ImGuiCol_WindowBg, kBannerBg);
  ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(1.0f, 0.2f, 0.1f, 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 3.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(12, 10));
  ImGui::Begin("##alarm", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoNav);
  board.shown(nowS, shownFrameId);
  ImGui::PushTextWrapPos(area.width - 12);
  ImGui::SetWindowFontScale(1.35f);
  ImGui::TextColored(kTitle, "%s", std::string(titleOf(alarm->kind)).c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, kText);
  ImGui::TextWrapped("%s", alarm->detail.c_str());
  ImGui::Text("Raised at frame %llu.", static_cast<unsigned long long>(alarm->raisedFrameId));
  if (alarm->journalProblem.empty())
    ImGui::TextUnformatted("Recorded in the case journal.");
  else
    ImGui::TextColored(kTitle, "%s", alarm->journalProblem.c_str());
  if (board.count() > 1) ImGui::TextColored(kTitle, "%zu more alarms wait behind this one.", board.count() - 1);
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  // The name field has the keyboard while the alarm stands: typing goes into it, and one Enter
  // acknowledges.
  ImGui::SetNextItemWidth(std::max(120.0f, area.width - 190));
  const bool enter = ImGui::InputTextWithHint("acknowledged by", "name (optional)", by_, sizeof by_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  if (!ImGui::IsItemActive() && !ImGui::IsItemDeactivated()) ImGui::SetKeyboardFocusHere(-1);
  const bool ready = board.canAcknowledge(nowS);
  ImGui::BeginDisabled(!ready);
  const bool clicked = ImGui::Button(ready ? "Acknowledge (Enter)" : "Acknowledge (read it first)",
                                     ImVec2(std::min(280.0f, area.width - 24), 0));
  ImGui::EndDisabled();
  const bool keyEnter = ImGui::IsKeyPressed(GLFW_KEY_ENTER, false) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER, false);
  AlarmKind acknowledged = AlarmKind::Invalid;
  if (ready && (clicked || enter || keyEnter)) {
    if (auto done = board.acknowledge(by_[0] != '\0' ? by_ : "operator (no name given)", nowS, shownFrameId)) {
      acknowledged = done.value();
      by_[0] = '\0';
    }
  }
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  drawn_ = {pos.x, pos.y, size.x, size.y};
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor(2);
  return acknowledged;
}

}  // namespace fg::app
