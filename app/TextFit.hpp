#pragma once
// Text that fits its place: cut at a word (or, failing that, a character) boundary with "..."
// rather than clipped mid-glyph by a panel's edge, the whole text in a tooltip. ImGui only.

#include <string>

namespace fg::app {

// `text` as it fits `maxWidthPx` in the current font (unchanged when it fits).
std::string elideToWidth(const std::string& text, float maxWidthPx);
// The last item's tooltip is `full` when `shown` was elided from it.
void tooltipIfElided(const std::string& shown, const std::string& full);

}  // namespace fg::app
