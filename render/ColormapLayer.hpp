#pragma once
// A per-pixel value layer (0..255, same size as the image; 0 = nothing) drawn through a colour
// lookup table with an opacity, over the image and under the vector overlays. Later analysis
// (contrast spread) fills it; the lookup tables live here.

#include <array>
#include <cstdint>
#include <span>

#include "core/Status.hpp"
#include "render/ShaderProgram.hpp"
#include "render/ViewTransform.hpp"

namespace fg::render {

struct Rgba8 {
  uint8_t r = 0, g = 0, b = 0, a = 0;
};
using ColorLut = std::array<Rgba8, 256>;

// Black-body "hot" ramp (dark red -> yellow -> white); entry 0 transparent.
ColorLut hotLut();
// One colour, alpha rising with the value; entry 0 transparent.
ColorLut solidLut(Rgba8 color);

class ColormapLayer {
 public:
  static core::Result<ColormapLayer> create();
  // Replaces the values (row-major, width x height bytes).
  void setValues(std::span<const uint8_t> values, int width, int height);
  void setLut(const ColorLut& lut);
  void clear() { hasValues_ = false; }
  bool hasValues() const { return hasValues_; }
  void draw(const ViewTransform& view, float opacity) const;

 private:
  ShaderProgram program_;
  GlVertexArray vertexArray_;
  GlTexture values_;
  GlTexture lut_;
  int width_ = 0;
  int height_ = 0;
  bool hasValues_ = false;
};

}  // namespace fg::render
