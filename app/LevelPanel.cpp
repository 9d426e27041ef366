#include "app/LevelPanel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/LevelBanner.hpp"
#include "guidance/LevelLabels.hpp"
#include "procedure/CaseFiles.hpp"

namespace fg::app {
namespace {

const ImVec4 kWarn{1.0f, 0.65f, 0.1f, 1};
const ImVec4 kDanger{1.0f, 0.3f, 0.25f, 1};
const ImVec4 kGood{0.3f, 0.9f, 0.4f, 1};
const guidance::LevelState kNoLevels;

const guidance::LevelState& levelsOf(const guidance::AnalysisResult* a) {
  return a != nullptr ? a->levels : kNoLevels;
}


// The rib-bearing vertebra chosen for the check, by label; kept across frames.
std::string ribLabel;

void countingCheck(const guidance::LevelState& levels) {
  // The markers head to foot as the analysis keeps them; S1 must be among them.
  const auto& m = levels.markers;
  const auto s1 = std::find_if(m.begin(), m.end(), [](const auto& x) { return x.label == "S1"; });
  if (s1 == m.end()) {
    ImGui::TextDisabled("mark S1 too to check the count against the twelfth rib");
    return;
  }
  if (ImGui::BeginCombo("Twelfth rib on", ribLabel.empty() ? "(choose)" : ribLabel.c_str())) {
    for (const auto& x : m) {
      if (ImGui::Selectable(x.label.c_str(), x.label == ribLabel)) ribLabel = x.label;
    }
    ImGui::EndCombo();
  }
  const auto rib =
      std::find_if(m.begin(), m.end(), [](const auto& x) { return x.label == ribLabel; });
  if (rib == m.end()) return;
  const core::Status check =
      guidance::checkCountings(static_cast<size_t>(rib - m.begin()),
                               static_cast<size_t>(s1 - m.begin()), levels.lumbarCount);
  if (check.isOk()) {
    ImGui::TextColored(kGood, "sacrum and twelfth rib agree (%d lumbar)", levels.lumbarCount);
  } else {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kDanger, "%s", check.message().c_str());
    ImGui::PopTextWrapPos();
  }
}

}  // namespace

void levelSection(ViewerState& state, const guidance::AnalysisResult* a) {
  ImGui::Spacing();
  ImGui::TextDisabled("Levels (L name a vertebra, Tab select, O time-out)");
  ImGui::Separator();
  PlanState& plan = state.plan;
  const guidance::LevelState& levels = levelsOf(a);
  if (levels.markers.empty()) {
    ImGui::TextDisabled("no levels: press L and click a vertebra");
  } else {
    std::string line;
    for (const auto& m : levels.markers)
      line += (line.empty() ? "" : " ") + m.label + (m.lost ? "?" : "");
    ImGui::TextUnformatted(line.c_str());
    ImGui::Text("%s, %d lumbar", std::string(guidance::toString(levels.counting)).c_str(),
                levels.lumbarCount);
    const bool anyLost = std::any_of(levels.markers.begin(), levels.markers.end(),
                                     [](const auto& m) { return m.lost; });
    if (anyLost) ImGui::TextColored(kWarn, "some markers lost the image: check and relabel");
    countingCheck(levels);
  }
  if (!levels.problem.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kWarn, "%s", levels.problem.c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::Button("Name a vertebra (L)")) plan.setTool(PlanTool::Level);
  ImGui::SameLine();
  if (ImGui::Button("Clear levels")) plan.clearLevels(levels);
  if (plan.timeOut()) {
    ImGui::TextColored(kGood, "time-out %s: %s %s", plan.timeOut()->confirmedAt.c_str(),
                       plan.timeOut()->level.c_str(), toString(plan.timeOut()->side));
  } else {
    ImGui::TextColored(kWarn, "time-out not done");
  }
  if (ImGui::Button("Time-out (O)")) state.timeOutOpen = true;
}

void drawLevelNaming(PlanState& plan, const guidance::AnalysisResult* a) {
  constexpr const char* kTitle = "Name this vertebra";
  if (!plan.vertebraToName()) return;
  if (!ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    LevelNaming naming = plan.naming();
    ImGui::TextUnformatted("How was it identified?");
    int counting = static_cast<int>(naming.counting);
    ImGui::RadioButton("counted up from the sacrum", &counting,
                       static_cast<int>(guidance::LevelCounting::FromSacrum));
    ImGui::RadioButton("counted down from the twelfth rib", &counting,
                       static_cast<int>(guidance::LevelCounting::FromTwelfthRib));
    naming.counting = static_cast<guidance::LevelCounting>(counting);
    ImGui::SliderInt("lumbar vertebrae", &naming.lumbarCount, guidance::kMinLumbarCount,
                     guidance::kMaxLumbarCount);
    if (naming.lumbarCount != guidance::kUsualLumbarCount)
      ImGui::TextColored(kWarn, "transitional anatomy");
    const std::vector<std::string> labels = guidance::levelSequence(naming.lumbarCount);
    if (guidance::levelIndex(naming.label, naming.lumbarCount) < 0) naming.label = "L4";
    ImGui::TextUnformatted("This vertebra is:");
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i > 0) ImGui::SameLine();
      if (ImGui::RadioButton(labels[i].c_str(), naming.label == labels[i]))
        naming.label = labels[i];
    }
    // From the keyboard: left / right step through the labels, Enter names, Esc cancels.
    const int at = guidance::levelIndex(naming.label, naming.lumbarCount);
    if (ImGui::IsKeyPressed(GLFW_KEY_LEFT) && at > 0) naming.label = labels[static_cast<size_t>(at - 1)];
    if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT) && at + 1 < static_cast<int>(labels.size()))
      naming.label = labels[static_cast<size_t>(at + 1)];
    ImGui::TextDisabled("the others are found and named by counting from it");
    plan.naming() = naming;
    if (ImGui::Button("Name", ImVec2(120, 0)) || ImGui::IsKeyPressed(GLFW_KEY_ENTER, false)) {
      plan.nameVertebra(naming, levelsOf(a));
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(120, 0)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
      plan.cancelNaming();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void drawTimeOut(ViewerState& state, const guidance::AnalysisResult* a,
                 const core::FrameRef& shown) {
  constexpr const char* kTitle = "Time-out: level and side";
  static std::string level;
  static int side = 0;
  if (!state.timeOutOpen) return;
  if (!ImGui::IsPopupOpen(kTitle)) {
    ImGui::OpenPopup(kTitle);
    // Filled from the markers at the target (or the needle's tip), to be checked, not trusted.
    const PlanState& plan = state.plan;
    const auto suggestion = shown
                                ? suggestLevel(levelsOf(a), plan.plan().targetPx,
                                               a != nullptr ? &a->needle : nullptr, shown->format())
                                : std::nullopt;
    level = plan.timeOut() ? plan.timeOut()->level : suggestion ? suggestion->level : "";
    side = static_cast<int>(plan.timeOut() ? plan.timeOut()->side
                            : suggestion   ? suggestion->side
                                           : Side::Invalid);
  }
  if (ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::TextUnformatted("Confirm with the team before injecting:");
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s", level.c_str());
    if (ImGui::InputText("level (e.g. L4-5)", buffer, sizeof buffer)) level = buffer;
    for (Side s : {Side::Left, Side::Right, Side::Midline, Side::Bilateral}) {
      if (s != Side::Left) ImGui::SameLine();
      ImGui::RadioButton(toString(s), &side, static_cast<int>(s));
    }
    // From the keyboard: L, R, M, B choose the side (outside the level field), Enter confirms.
    if (!ImGui::GetIO().WantTextInput) {
      if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) side = static_cast<int>(Side::Left);
      if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) side = static_cast<int>(Side::Right);
      if (ImGui::IsKeyPressed(GLFW_KEY_M, false)) side = static_cast<int>(Side::Midline);
      if (ImGui::IsKeyPressed(GLFW_KEY_B, false)) side = static_cast<int>(Side::Bilateral);
    }
    const bool ready = !level.empty() && side != static_cast<int>(Side::Invalid);
    if (!ready) ImGui::TextColored(kWarn, "give the level and the side");
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button("Confirmed (Enter)", ImVec2(160, 0)) ||
        (ready && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false))) {
      state.plan.confirmTimeOut(
          {level, static_cast<Side>(side), procedure::localTime("%H:%M:%S"), shown ? shown->id() : 0});
      state.timeOutOpen = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(140, 0)) || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
      state.timeOutOpen = false;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

}  // namespace fg::app
