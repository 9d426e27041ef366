#pragma once
// Draws the uploaded frame with window/level, gamma and polarity into the bound target.

#include "core/Status.hpp"
#include "render/DisplaySettings.hpp"
#include "render/FrameUploader.hpp"
#include "render/ShaderProgram.hpp"
#include "render/ViewTransform.hpp"

namespace fg::render {

class DisplayPass {
 public:
  static core::Result<DisplayPass> create();
  void draw(const FrameUploader& image, const ViewTransform& view, const DisplaySettings& settings) const;

 private:
  ShaderProgram program_;
  GlVertexArray vertexArray_;  // empty: the vertex shader builds the quad from gl_VertexID
};

}  // namespace fg::render
