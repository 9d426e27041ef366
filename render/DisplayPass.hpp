#pragma once
// Draws an image texture with window/level, gamma and polarity into the bound target: the
// uploaded frame, or the noise filter's output.

#include "core/Status.hpp"
#include "render/DisplaySettings.hpp"
#include "render/FrameUploader.hpp"
#include "render/ShaderProgram.hpp"
#include "render/ViewTransform.hpp"

namespace fg::render {

class DisplayPass {
 public:
  static core::Result<DisplayPass> create();
  // `texture`: one red channel; `rawScale` turns its texel values into raw units (65535 or 255
  // for a normalised frame, 1 for a float image already in raw units).
  struct Source {
    GLuint texture = 0;
    float rawScale = 1;
    int widthPx = 0, heightPx = 0;
  };
  void draw(const Source& image, const ViewTransform& view, const DisplaySettings& settings) const;

 private:
  ShaderProgram program_;
  GlVertexArray vertexArray_;  // empty: the vertex shader builds the quad from gl_VertexID
};

}  // namespace fg::render
