#include "app/Plan3DPanel.hpp"

#include <imgui.h>

#include <algorithm>

namespace fg::app {
namespace {

bool pointCombo(const char* label, int& index, const std::vector<sim::PlanPoint>& points) {
  bool changed = false;
  if (ImGui::BeginCombo(label, points[static_cast<size_t>(index)].name.c_str())) {
    for (size_t i = 0; i < points.size(); ++i) {
      if (ImGui::Selectable(points[i].name.c_str(), static_cast<int>(i) == index)) {
        index = static_cast<int>(i);
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

void plan3DSection(ViewerState& state, Plan3DChoice& choice, const Plan3D& plan3D,
                   const core::FrameRef& shown) {
  const auto& points = plan3D.points();
  if (points.size() < 2 || !ImGui::CollapsingHeader("Plan in 3D (simulated case)")) return;
  choice.target = std::clamp(choice.target, 0, static_cast<int>(points.size()) - 1);
  choice.entry = std::clamp(choice.entry, 0, static_cast<int>(points.size()) - 1);
  pointCombo("target", choice.target, points);
  ImGui::DragFloat3("target offset mm", choice.targetOffsetMm, 0.5f, -80.0f, 80.0f, "%.1f");
  pointCombo("entry", choice.entry, points);
  ImGui::DragFloat3("entry offset mm", choice.entryOffsetMm, 0.5f, -120.0f, 120.0f, "%.1f");
  ImGui::TextDisabled("offsets: x to the left, y posterior, z to the head");
  if (ImGui::Button("Project onto the image") && shown) {
    auto at = [&](int index, const float* offset) {
      const core::Vec3 mm =
          points[static_cast<size_t>(index)].mm + core::Vec3{offset[0], offset[1], offset[2]};
      return plan3D.project(mm, *shown);
    };
    const auto target = at(choice.target, choice.targetOffsetMm);
    const auto entry = at(choice.entry, choice.entryOffsetMm);
    choice.error = !target  ? "target: " + target.status().message()
                   : !entry ? "entry: " + entry.status().message()
                            : "";
    if (target && entry) {
      state.plan.setTool(PlanTool::Target);
      state.plan.click(target.value());
      state.plan.setTool(PlanTool::Entry);
      state.plan.click(entry.value());
    }
  }
  if (!choice.error.empty())
    ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.1f, 1), "%s", choice.error.c_str());
}

}  // namespace fg::app
