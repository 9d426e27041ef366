#pragma once
// A framebuffer object with an RGBA8 colour texture: the one place every view is drawn into
// (the window shows the texture, snapshots and headless read it back).

#include <cstdint>
#include <vector>

#include "core/Status.hpp"
#include "render/GlObject.hpp"

namespace fg::render {

struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> rgba;  // top row first, 4 bytes per pixel
};

class RenderTarget {
 public:
  // Reallocates only when the size changes. Returns an error when the driver refuses the size.
  core::Status resize(int widthPx, int heightPx);
  int width() const { return width_; }
  int height() const { return height_; }
  GLuint framebuffer() const { return framebuffer_.get(); }
  GLuint colorTexture() const { return color_.get(); }
  void bind() const;  // binds for drawing and sets the viewport
  RgbaImage readPixels() const;  // blocks until drawing is done

 private:
  GlFramebuffer framebuffer_;
  GlTexture color_;
  int width_ = 0;
  int height_ = 0;
};

}  // namespace fg::render
