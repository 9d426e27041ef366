#pragma once
// Saves the GL state a pass changes and restores it on scope exit, so passes compose with each
// other and with the ImGui backend (DESIGN.md convention 5).

#include <epoxy/gl.h>

namespace fg::render {

class GlStateGuard {
 public:
  GlStateGuard();
  ~GlStateGuard();
  GlStateGuard(const GlStateGuard&) = delete;
  GlStateGuard& operator=(const GlStateGuard&) = delete;

 private:
  GLint program_ = 0, vertexArray_ = 0, arrayBuffer_ = 0, texture_ = 0, activeTexture_ = 0;
  GLint drawFramebuffer_ = 0, unpackBuffer_ = 0;
  GLint viewport_[4] = {};
  GLint scissorBox_[4] = {};
  GLint blendSrcRgb_ = 0, blendDstRgb_ = 0, blendSrcAlpha_ = 0, blendDstAlpha_ = 0;
  GLboolean blend_ = GL_FALSE, scissor_ = GL_FALSE, depth_ = GL_FALSE, cull_ = GL_FALSE;
};

}  // namespace fg::render
