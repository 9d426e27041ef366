#pragma once
// Glyph coverage and metrics for overlay text, rasterised once by Dear ImGui's font atlas
// (stb_truetype inside), so the window's panels and the image overlays share one font. The atlas
// also holds a fully covered texel used to draw lines and shapes with the same texture.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace fg::render {

struct Glyph {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // quad relative to the pen, px (y down from the top)
  float u0 = 0, v0 = 0, u1 = 0, v1 = 0;
  float advancePx = 0;
};

struct GlyphAtlas {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> coverage;  // width x height, 0..255
  float whiteU = 0, whiteV = 0;
  float lineHeightPx = 0;
  std::array<Glyph, 95> ascii{};  // ' ' .. '~'; anything else is drawn as '?'

  const Glyph& glyph(char c) const;
  float textWidthPx(const std::string& text) const;
};

// The TrueType font at `ttfPath` at `sizePx`, or ImGui's built-in font when the path is empty or
// cannot be read (the reason is logged once).
GlyphAtlas buildGlyphAtlas(float sizePx, const std::string& ttfPath);

// Overlay text size in viewport px: readable from a few steps away in a dim room.
inline constexpr float kOverlayFontPx = 18.0f;

// The UI font FluoroGuide prefers (DejaVu Sans from Debian's fonts-dejavu-core), or "".
std::string defaultFontPath();

}  // namespace fg::render
