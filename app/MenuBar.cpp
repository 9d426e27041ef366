#include "app/MenuBar.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

#include "app/AssetPaths.hpp"
#include "app/SideDialog.hpp"

namespace fg::app {

MenuBar::MenuBar() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(assetDir() / "scenarios", ec)) {
    if (entry.path().extension() == ".json") scenarios_.push_back(entry.path().stem().string());
  }
  std::sort(scenarios_.begin(), scenarios_.end());
}

MenuActions MenuBar::draw(ViewerState& state, Settings& settings, const core::FrameRef& frame,
                          const std::string& /*sourceError: said in the dialog through sourceOpened*/) {
  MenuActions actions;
  const ImGuiIO& io = ImGui::GetIO();
  if (dialogs::keysForDialog() && io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_Q, false)) actions.quit = true;
  if (dialogs::keysForDialog() && io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_O, false)) openPopup_ = true;
  if (dialogs::keysForImage() && io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_N, false)) actions.newCase = true;

  if (ImGui::BeginMainMenuBar()) {
    if (ImGui::BeginMenu("Source")) {
      if (ImGui::MenuItem("Open source...", "Ctrl+O")) openPopup_ = true;
      if (ImGui::BeginMenu("Simulated case")) {
        for (const auto& entry : scenarios_) {
          if (ImGui::MenuItem(entry.c_str())) actions.openSource = "sim:" + entry;
        }
        ImGui::EndMenu();
      }
      if (ImGui::MenuItem("Test pattern")) actions.openSource = "test-pattern";
      ImGui::Separator();
      if (ImGui::MenuItem("Quit", "Ctrl+Q")) actions.quit = true;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Case")) {
      if (ImGui::MenuItem("Case details...")) actions.caseDetails = true;
      if (ImGui::MenuItem("New case...", "Ctrl+N")) actions.newCase = true;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
      if (ImGui::BeginMenu("Window/level preset")) {
        for (size_t i = 0; i < settings.presets.size(); ++i) {
          const std::string key = i < 9 ? std::to_string(i + 1) : "";
          if (ImGui::MenuItem(settings.presets[i].name.c_str(), key.c_str(), false,
                              static_cast<bool>(frame))) {
            state.display.windowLevel = presetWindowLevel(settings.presets[i], frame->format());
            state.windowLevelSet = true;
          }
        }
        ImGui::EndMenu();
      }
      bool inverted = state.display.polarity == render::Polarity::Inverted;
      if (ImGui::MenuItem("Invert", "I", &inverted)) {
        state.display.polarity = inverted ? render::Polarity::Inverted : render::Polarity::Normal;
      }
      if (ImGui::MenuItem("Reset window, zoom and gamma", "R")) {
        state.windowLevelSet = false;
        state.view = fitted(state.view);
        state.display.gamma = 1.0;
      }
      if (ImGui::MenuItem("Fit to view", "0")) state.view = fitted(state.view);
      if (ImGui::BeginMenu("Turn to match the C-arm's monitor")) {
        render::ViewOrientation& o = state.view.orientation;
        ImGui::MenuItem("Mirror left-right", "H", &o.flipHorizontal);
        ImGui::MenuItem("Mirror top-bottom", "V", &o.flipVertical);
        if (ImGui::MenuItem("Turn 90 deg clockwise", "]")) o.quarterTurns = (o.quarterTurns + 1) % 4;
        if (ImGui::MenuItem("Turn 90 deg counter-clockwise", "[")) o.quarterTurns = (o.quarterTurns + 3) % 4;
        if (ImGui::MenuItem("As acquired", nullptr, false, !(o == render::ViewOrientation{}))) o = {};
        ImGui::TextDisabled("kept with the case; every overlay and video follows it");
        ImGui::EndMenu();
      }
      ImGui::MenuItem("Scale bar and orientation", "A", &state.showAnnotations);
      ImGui::MenuItem("Guidance overlays", "G", &state.showGuidance);
      if (ImGui::MenuItem("Next contrast view", "S"))
        state.contrastView = nextContrastView(state.contrastView);
      float gamma = static_cast<float>(state.display.gamma);
      if (ImGui::SliderFloat("Gamma", &gamma, 0.3f, 3.0f, "%.2f")) state.display.gamma = gamma;
      ImGui::Separator();
      ImGui::MenuItem("Fullscreen", "F11", &state.fullscreen);
      if (ImGui::MenuItem("Large type (table-side screen)", nullptr, &settings.largeType)) actions.settingsChanged = true;
      if (ImGui::MenuItem("Wait for display refresh (vsync)", nullptr, &settings.vsync)) {
        actions.settingsChanged = true;
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
      ImGui::MenuItem("Keys and mouse", "F1", &state.showHelp);
      ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
  }

  if (openPopup_) {
    if (sourceInput_.empty()) sourceInput_ = settings.source;
    openPopup_ = false;
    openDialog_ = true;
    openError_.clear();
  }
  if (openDialog_) {
    if (dialogs::begin("Open source", 560)) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(
          "A video file, a folder of images, a case folder, a DICOM cine, a frame grabber "
          "(/dev/video0), a scenario (.json, or sim:NAME), 'simulated' or 'test-pattern'.");
      ImGui::PopTextWrapPos();
      ImGui::SetNextItemWidth(-1);
      if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();  // type the path at once
      const bool enter = ImGui::InputText("##spec", &sourceInput_, ImGuiInputTextFlags_EnterReturnsTrue);
      if (!openError_.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(1, 0.35f, 0.3f, 1), "Not opened, the source on screen goes on: %s",
                           openError_.c_str());
        ImGui::PopTextWrapPos();
      }
      if (ImGui::Button("Open") || enter) actions.openSource = sourceInput_;
      ImGui::SameLine();
      if (ImGui::Button("Cancel (Esc)") || (dialogs::keysForDialog() && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)))
        openDialog_ = false;
    }
    dialogs::end();
  }
  return actions;
}

void MenuBar::drawHelp(ViewerState& state) {
  if (!state.showHelp) return;
  ImGui::SetNextWindowSize(ImVec2(640, 0), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Keys and mouse", &state.showHelp)) {
    static constexpr const char* kRows[][2] = {
        {"Right-drag", "window (left/right) and level (up/down)"},
        {"Wheel", "zoom about the cursor"},
        {"Left-drag", "pan"},
        {"Double-click, 0", "fit the image to the view"},
        {"+ / -", "zoom in / out"},
        {"1 .. 9", "window/level presets (the View menu lists those defined)"},
        {"I", "invert"},
        {"R", "reset window/level, zoom and gamma"},
        {"A", "scale bar and orientation letters on/off"},
        {"G", "guidance overlays (needle, plan, levels, contrast) on/off"},
        {"S", "live / subtracted / contrast overlay"},
        {"M", "new subtraction mask"},
        {"Enter", "acknowledge the intravascular alert"},
        {"T / E", "place the target / the skin entry (click, or Enter for the centre)"},
        {"C", "calibrate: two points a known distance apart"},
        {"D / Shift+D", "ruler (two clicks) / angle (arm, vertex, arm), in mm from the spacing"},
        {"L", "name a vertebra (click its centre); the others are found and counted"},
        {"Tab", "select the next level marker (drag to move one)"},
        {"O", "time-out: confirm level and side before injecting"},
        {"Arrows", "move the selected marker 1 px (Shift: 10 px)"},
        {"Ctrl+Z", "undo the last edit of the plan or the levels"},
        {"Delete", "remove the selected level marker, or clear target and entry"},
        {"Esc", "cancel placing"},
        {"Space / Shift+Space", "mark the current procedure step done / skipped"},
        {"Page Up / Page Down", "show another procedure step"},
        {"F9", "start / stop recording a run (exported as DICOM, MP4 and a Slicer sequence)"},
        {"K", "replay: play / pause"},
        {", / .", "replay: one frame back / forward (hold to go on)"},
        {"Home / End", "replay: first / last frame"},
        {"H / V", "mirror the picture left-right / top-bottom (to match the C-arm's monitor)"},
        {"[ / ]", "turn the picture 90 deg counter-clockwise / clockwise"},
        {"F11 or F", "fullscreen"},
        {"Ctrl+O", "open a source"},
        {"Ctrl+N", "start a new case (asks first)"},
        {"Ctrl+Q", "quit"},
    };
    if (ImGui::BeginTable("keys", 2)) {
      ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, 190.0f);
      ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
      for (const auto& row : kRows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[0]);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row[1]);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

}  // namespace fg::app
