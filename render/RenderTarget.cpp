#include "render/RenderTarget.hpp"

#include <cstring>
#include <string>

namespace fg::render {

core::Status RenderTarget::resize(int widthPx, int heightPx) {
  if (widthPx <= 0 || heightPx <= 0) {
    return core::Status::error(core::StatusCode::OutOfRange, "render target size must be positive");
  }
  if (widthPx == width_ && heightPx == height_ && framebuffer_) return core::Status::ok();
  GLint previous = 0;
  glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &previous);
  color_ = GlTexture::create();
  glBindTexture(GL_TEXTURE_2D, color_.get());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, widthPx, heightPx, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glBindTexture(GL_TEXTURE_2D, 0);
  framebuffer_ = GlFramebuffer::create();
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_.get());
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_.get(), 0);
  const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  if (status != GL_FRAMEBUFFER_COMPLETE) {
    framebuffer_.reset();
    color_.reset();
    width_ = height_ = 0;
    return core::Status::error(core::StatusCode::Unsupported,
                               "framebuffer " + std::to_string(widthPx) + "x" + std::to_string(heightPx) +
                                   " incomplete (status " + std::to_string(status) + ")");
  }
  width_ = widthPx;
  height_ = heightPx;
  return core::Status::ok();
}

void RenderTarget::bind() const {
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, framebuffer_.get());
  glViewport(0, 0, width_, height_);
}

RgbaImage RenderTarget::readPixels() const {
  RgbaImage out;
  out.width = width_;
  out.height = height_;
  out.rgba.resize(static_cast<size_t>(width_) * height_ * 4);
  GLint previous = 0;
  glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &previous);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, framebuffer_.get());
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  std::vector<uint8_t> bottomUp(out.rgba.size());
  glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
  glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(previous));
  const size_t rowBytes = static_cast<size_t>(width_) * 4;
  for (int y = 0; y < height_; ++y) {
    std::memcpy(out.rgba.data() + rowBytes * y, bottomUp.data() + rowBytes * (height_ - 1 - y), rowBytes);
  }
  return out;
}

}  // namespace fg::render
