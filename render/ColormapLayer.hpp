#pragma once
// A per-pixel value layer (0..255; 0 = nothing in the colour tables) drawn through a lookup table
// with an opacity, over the image and under the vector overlays. The layer may be coarser than the
// image (the analysis bins 2x2): it is stretched over the whole image. The contrast spread and the
// subtracted image use it; the lookup tables live here.

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
// Opaque grey ramp (0 black .. 255 white): a whole image, such as the subtracted one.
ColorLut grayLut();

class ColormapLayer {
 public:
  static core::Result<ColormapLayer> create();
  // Replaces the values (row-major, width x height bytes).
  void setValues(std::span<const uint8_t> values, int width, int height);
  void setLut(const ColorLut& lut);
  void clear() { hasValues_ = false; }
  bool hasValues() const { return hasValues_; }
  // Stretched over an image of `imageWidthPx` x `imageHeightPx` (the one the view shows).
  void draw(const ViewTransform& view, float opacity, int imageWidthPx, int imageHeightPx) const;

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
