#include "app/LevelPanel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/LevelBanner.hpp"
#include "app/SideDialog.hpp"
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
  ImGui::TextColored(ImVec4(0.55f, 0.78f, 1.0f, 1), "Levels (L name a vertebra, Tab select, O time-out)");
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

namespace {
NamingDialogLayout gNamingLayout;
ScreenRect rectOfLastItem() {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return {a.x, a.y, b.x - a.x, b.y - a.y};
}
// A button drawn as chosen (filled) or not.
bool choiceButton(const char* text, bool chosen, ImVec2 size) {
  if (chosen) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.15f, 0.45f, 0.85f, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.2f, 0.5f, 0.9f, 1));
  }
  const bool pressed = ImGui::Button(text, size);
  if (chosen) ImGui::PopStyleColor(2);
  return pressed;
}
}  // namespace

const NamingDialogLayout& lastNamingLayout() { return gNamingLayout; }

void drawLevelNaming(PlanState& plan, const guidance::AnalysisResult* a) {
  gNamingLayout = {};
  if (!plan.vertebraToName()) return;
  static std::string error;
  if (dialogs::begin("Name this vertebra", 420)) {
    LevelNaming naming = plan.naming();
    const bool keys = dialogs::keysForDialog();
    ImGui::TextUnformatted("How was it identified?");
    int counting = static_cast<int>(naming.counting);
    ImGui::RadioButton("counted up from the sacrum", &counting,
                       static_cast<int>(guidance::LevelCounting::FromSacrum));
    ImGui::RadioButton("counted down from the twelfth rib", &counting,
                       static_cast<int>(guidance::LevelCounting::FromTwelfthRib));
    naming.counting = static_cast<guidance::LevelCounting>(counting);
    ImGui::TextUnformatted("Lumbar vertebrae in this spine:");
    const ImVec2 countSize(90, 0);
    for (int n = guidance::kMinLumbarCount; n <= guidance::kMaxLumbarCount; ++n) {
      if (n > guidance::kMinLumbarCount) ImGui::SameLine();
      const std::string text = std::to_string(n) + (n == guidance::kUsualLumbarCount ? " (usual)" : "");
      if (choiceButton(text.c_str(), naming.lumbarCount == n, countSize)) naming.lumbarCount = n;
      gNamingLayout.counts[n] = rectOfLastItem();
    }
    if (naming.lumbarCount != guidance::kUsualLumbarCount)
      ImGui::TextColored(kWarn, "transitional anatomy: %d lumbar vertebrae", naming.lumbarCount);
    const std::vector<std::string> labels = guidance::levelSequence(naming.lumbarCount);
    if (guidance::levelIndex(naming.label, naming.lumbarCount) < 0) naming.label.clear();
    ImGui::TextUnformatted("This vertebra is:");
    // As many per row as fit the dialog: every choice on screen, none pushed past its edge.
    const ImVec2 labelSize(64, 34);
    const float rowWidth = std::max(labelSize.x, ImGui::GetContentRegionAvail().x);
    const int perRow = std::max(1, static_cast<int>((rowWidth + ImGui::GetStyle().ItemSpacing.x) /
                                                    (labelSize.x + ImGui::GetStyle().ItemSpacing.x)));
    for (size_t i = 0; i < labels.size(); ++i) {
      if (i % static_cast<size_t>(perRow) != 0) ImGui::SameLine();
      if (choiceButton(labels[i].c_str(), naming.label == labels[i], labelSize)) naming.label = labels[i];
      gNamingLayout.labels[labels[i]] = rectOfLastItem();
    }
    // From the keyboard: the digit of a lumbar vertebra, S for S1, left / right step through the
    // labels, Enter names, Esc cancels.
    if (keys) {
      const int at = guidance::levelIndex(naming.label, naming.lumbarCount);
      if (ImGui::IsKeyPressed(GLFW_KEY_LEFT))
        naming.label = labels[static_cast<size_t>(at > 0 ? at - 1 : 0)];
      if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT))
        naming.label = labels[static_cast<size_t>(std::min<int>(at + 1, static_cast<int>(labels.size()) - 1))];
      for (int d = 1; d <= naming.lumbarCount; ++d)
        if (ImGui::IsKeyPressed(GLFW_KEY_1 + d - 1, false)) naming.label = "L" + std::to_string(d);
      if (ImGui::IsKeyPressed(GLFW_KEY_S, false)) naming.label = "S1";
    }
    // What will be applied, large, before it is.
    ImGui::Spacing();
    ImGui::SetWindowFontScale(2.2f);
    if (naming.label.empty())
      ImGui::TextColored(kWarn, "none chosen");
    else
      ImGui::TextColored(kGood, "%s", naming.label.c_str());
    ImGui::SetWindowFontScale(1.0f);
    gNamingLayout.chosen = rectOfLastItem();
    ImGui::TextDisabled("the others are found and named by counting from it");
    plan.naming() = naming;
    const bool ready = !naming.label.empty();
    ImGui::BeginDisabled(!ready);
    const std::string apply = ready ? "Name it " + naming.label + " (Enter)" : "Name it (choose first)";
    const bool applyPressed = ImGui::Button(apply.c_str(), ImVec2(220, 0));
    gNamingLayout.apply = rectOfLastItem();
    ImGui::EndDisabled();
    if (applyPressed || (ready && keys && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false))) {
      const core::Status named = plan.nameVertebra(naming, levelsOf(a));
      error = named ? "" : named.message();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)", ImVec2(130, 0)) || (keys && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))) {
      plan.cancelNaming();
      error.clear();
    }
    gNamingLayout.cancel = rectOfLastItem();
    if (!error.empty()) ImGui::TextColored(kDanger, "%s", error.c_str());
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    gNamingLayout.window = {pos.x, pos.y, size.x, size.y};
  }
  dialogs::end();
}

void drawTimeOut(ViewerState& state, const guidance::AnalysisResult* a,
                 const core::FrameRef& shown) {
  static std::string level;
  static int side = 0;
  static std::string from;  // where the suggestion was read
  static bool wasOpen = false;
  if (!state.timeOutOpen) {
    wasOpen = false;
    return;
  }
  if (!wasOpen) {
    wasOpen = true;
    // Filled from the markers under the needle's tip (else at the target), to be checked, not
    // trusted.
    const PlanState& plan = state.plan;
    const guidance::NeedleObservation* needle = a != nullptr ? &a->needle : nullptr;
    std::optional<LevelSuggestion> suggestion;
    if (shown) {
      suggestion = suggestLevel(levelsOf(a), std::nullopt, needle, shown->format());
      from = suggestion ? "under the needle's tip" : "";
      if (!suggestion) {
        suggestion = suggestLevel(levelsOf(a), plan.plan().targetPx, nullptr, shown->format());
        if (suggestion) from = "at the target (no needle seen)";
      }
    }
    level = suggestion ? suggestion->level : "";
    side = static_cast<int>(suggestion ? suggestion->side : Side::Invalid);
    if (!suggestion) from = "no level marker around the needle or the target: type it";
  }
  if (dialogs::begin("Time-out: level and side", 420)) {
    const bool keys = dialogs::keysForDialog();
    ImGui::TextUnformatted("Confirm with the team before injecting:");
    ImGui::TextDisabled("from the markers %s", from.c_str());
    if (const auto& t = state.plan.timeOut())
      ImGui::TextColored(kWarn, "confirmed before: %s %s at %s", t->level.c_str(), toString(t->side),
                         t->confirmedAt.c_str());
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%s", level.c_str());
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputText("level (e.g. L4-5)", buffer, sizeof buffer)) level = buffer;
    for (Side s : {Side::Left, Side::Right, Side::Midline, Side::Bilateral}) {
      if (s != Side::Left) ImGui::SameLine();
      ImGui::RadioButton(toString(s), &side, static_cast<int>(s));
    }
    // From the keyboard: L, R, M, B choose the side (outside the level field), Enter confirms.
    if (keys && !ImGui::GetIO().WantTextInput) {
      if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) side = static_cast<int>(Side::Left);
      if (ImGui::IsKeyPressed(GLFW_KEY_R, false)) side = static_cast<int>(Side::Right);
      if (ImGui::IsKeyPressed(GLFW_KEY_M, false)) side = static_cast<int>(Side::Midline);
      if (ImGui::IsKeyPressed(GLFW_KEY_B, false)) side = static_cast<int>(Side::Bilateral);
    }
    const bool ready = !level.empty() && side != static_cast<int>(Side::Invalid);
    if (!ready) ImGui::TextColored(kWarn, "give the level and the side");
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button("Confirmed (Enter)", ImVec2(180, 0)) ||
        (ready && keys && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false))) {
      state.plan.confirmTimeOut(
          {level, static_cast<Side>(side), procedure::localTime("%H:%M:%S"), shown ? shown->id() : 0});
      state.timeOutOpen = false;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)", ImVec2(140, 0)) || (keys && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)))
      state.timeOutOpen = false;
  }
  dialogs::end();
}

}  // namespace fg::app
