#include "app/TextFit.hpp"

#include <imgui.h>

namespace fg::app {

std::string elideToWidth(const std::string& text, float maxWidthPx) {
  if (ImGui::CalcTextSize(text.c_str()).x <= maxWidthPx) return text;
  std::string cut = text;
  while (!cut.empty() && ImGui::CalcTextSize((cut + "...").c_str()).x > maxWidthPx) {
    const size_t space = cut.find_last_of(" /\\_-");
    cut.resize(space != std::string::npos && space + 12 > cut.size() ? space : cut.size() - 1);
  }
  return cut + "...";
}

void tooltipIfElided(const std::string& shown, const std::string& full) {
  if (shown != full && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full.c_str());
}

}  // namespace fg::app
