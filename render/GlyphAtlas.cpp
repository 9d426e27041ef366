#include "render/GlyphAtlas.hpp"

#include <imgui.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace fg::render {

const Glyph& GlyphAtlas::glyph(char c) const {
  const int index = (c >= ' ' && c <= '~') ? c - ' ' : '?' - ' ';
  return ascii[static_cast<size_t>(index)];
}

float GlyphAtlas::textWidthPx(const std::string& text) const {
  float w = 0;
  for (char c : text) w += glyph(c).advancePx;
  return w;
}

std::string defaultFontPath() {
  const char* candidate = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::error_code ec;
  return std::filesystem::exists(candidate, ec) ? candidate : "";
}

GlyphAtlas buildGlyphAtlas(float sizePx, const std::string& ttfPath) {
  ImFontAtlas atlas;
  ImFont* font = nullptr;
  std::error_code ec;
  if (!ttfPath.empty() && std::filesystem::exists(ttfPath, ec)) {
    font = atlas.AddFontFromFileTTF(ttfPath.c_str(), sizePx);
  }
  if (!font) {
    if (!ttfPath.empty()) spdlog::warn("font {} unreadable; overlays use the built-in font", ttfPath);
    ImFontConfig config;
    config.SizePixels = sizePx;
    font = atlas.AddFontDefault(&config);
  }
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &w, &h);

  GlyphAtlas out;
  out.width = w;
  out.height = h;
  out.coverage.assign(pixels, pixels + static_cast<size_t>(w) * h);
  out.whiteU = atlas.TexUvWhitePixel.x;
  out.whiteV = atlas.TexUvWhitePixel.y;
  out.lineHeightPx = font->FontSize;
  for (char c = ' '; c <= '~'; ++c) {
    const ImFontGlyph* g = font->FindGlyph(static_cast<ImWchar>(c));
    if (!g) continue;
    out.ascii[static_cast<size_t>(c - ' ')] = {g->X0, g->Y0, g->X1, g->Y1, g->U0, g->V0, g->U1, g->V1,
                                               g->AdvanceX};
  }
  return out;
}

}  // namespace fg::render
