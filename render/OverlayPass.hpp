#pragma once
// Draws an OverlayList in one call: the list is turned into triangles in viewport px on the CPU
// (thick lines as quads, text as glyph quads with a dark halo), then drawn with the glyph atlas.

#include <vector>

#include "core/Status.hpp"
#include "render/GlyphAtlas.hpp"
#include "render/OverlayList.hpp"
#include "render/ShaderProgram.hpp"

namespace fg::render {

struct OverlayVertex {
  float x, y;  // viewport px
  float u, v;
  float r, g, b, a;
};

// Pure geometry (no GL), also used by tests.
void tessellateOverlay(const OverlayList& list, const ViewTransform& view, const GlyphAtlas& atlas,
                       std::vector<OverlayVertex>& out);

class OverlayPass {
 public:
  static core::Result<OverlayPass> create(const GlyphAtlas& atlas);
  void draw(const OverlayList& list, const ViewTransform& view);
  const GlyphAtlas& atlas() const { return atlas_; }

 private:
  GlyphAtlas atlas_;
  ShaderProgram program_;
  GlTexture atlasTexture_;
  GlVertexArray vertexArray_;
  GlBuffer vertexBuffer_;
  size_t bufferCapacity_ = 0;
  std::vector<OverlayVertex> vertices_;
};

}  // namespace fg::render
