#include "app/SideDialog.hpp"

#include <imgui.h>

#include <algorithm>

namespace fg::app::dialogs {
namespace {
ScreenLayout gLayout;
bool gAlarm = false;
int gOpenThisFrame = 0, gOpenLastFrame = 0;
int gStacked = 0;  // dialogs begun this frame: each opens a little below the one before
}  // namespace

void beginUiFrame(const ScreenLayout& layout, bool alarmStanding) {
  gLayout = layout;
  gAlarm = alarmStanding;
  gOpenLastFrame = gOpenThisFrame;
  gOpenThisFrame = 0;
  gStacked = 0;
}

const ScreenLayout& layout() { return gLayout; }
bool anyOpen() { return gOpenThisFrame > 0 || gOpenLastFrame > 0; }
bool alarmHoldsKeyboard() { return gAlarm; }
bool keysForImage() { return !gAlarm && !anyOpen() && !ImGui::GetIO().WantTextInput; }
bool keysForDialog() { return !gAlarm; }

bool begin(const char* title, float width) {
  ++gOpenThisFrame;
  const ScreenRect& area = gLayout.dialogs.width > 0 ? gLayout.dialogs : gLayout.image;
  const float w = std::min(width, std::max(200.0f, area.width - 16));
  ImGui::SetNextWindowPos(ImVec2(area.x + 8, area.y + 8 + 24.0f * static_cast<float>(gStacked++)),
                          ImGuiCond_Appearing);
  // As wide as asked, never past the column (its text wraps inside), as high as its contents.
  ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, area.height));
  ImGui::SetNextWindowBgAlpha(0.97f);
  const bool visible = ImGui::Begin(title, nullptr,
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                        ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::PushTextWrapPos(0.0f);
  if (gAlarm) ImGui::BeginDisabled();
  return visible;
}

void end() {
  if (gAlarm) ImGui::EndDisabled();
  ImGui::PopTextWrapPos();
  ImGui::End();
}

}  // namespace fg::app::dialogs
