#include "render/FrameUploader.hpp"

#include <cstring>

namespace fg::render {
namespace {
constexpr GLuint64 kFenceTimeoutNs = 100'000'000;  // a few frame periods
}

float FrameUploader::rawScale() const {
  return format_.pixelFormat == core::PixelFormat::Gray16 ? 65535.0f : 255.0f;
}

void FrameUploader::reallocate(const core::FrameFormat& format) {
  const bool wide = format.pixelFormat == core::PixelFormat::Gray16;
  texture_ = GlTexture::create();
  glBindTexture(GL_TEXTURE_2D, texture_.get());
  glTexImage2D(GL_TEXTURE_2D, 0, wide ? GL_R16 : GL_R8, format.width, format.height, 0, GL_RED,
               wide ? GL_UNSIGNED_SHORT : GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  for (int i = 0; i < kRingSize; ++i) {
    fences_[i].reset();
    buffers_[i] = GlBuffer::create();
    glBindBuffer(GL_PIXEL_UNPACK_BUFFER, buffers_[i].get());
    glBufferData(GL_PIXEL_UNPACK_BUFFER, static_cast<GLsizeiptr>(format.byteCount()), nullptr,
                 GL_STREAM_DRAW);
  }
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
  format_ = format;
  next_ = 0;
}

void FrameUploader::upload(const core::Frame& frame) {
  const core::FrameFormat& format = frame.format();
  if (!texture_ || format.width != format_.width || format.height != format_.height ||
      format.pixelFormat != format_.pixelFormat) {
    reallocate(format);
  }
  format_ = format;  // spacing and orientation may change without a new texture
  const int slot = next_;
  next_ = (next_ + 1) % kRingSize;
  fences_[slot].wait(kFenceTimeoutNs);
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, buffers_[slot].get());
  const auto size = static_cast<GLsizeiptr>(format.byteCount());
  void* mapped = glMapBufferRange(GL_PIXEL_UNPACK_BUFFER, 0, size,
                                  GL_MAP_WRITE_BIT | GL_MAP_INVALIDATE_BUFFER_BIT | GL_MAP_UNSYNCHRONIZED_BIT);
  if (mapped) {
    std::memcpy(mapped, frame.bytes().data(), format.byteCount());
    glUnmapBuffer(GL_PIXEL_UNPACK_BUFFER);
  } else {
    glBufferSubData(GL_PIXEL_UNPACK_BUFFER, 0, size, frame.bytes().data());
  }
  const bool wide = format.pixelFormat == core::PixelFormat::Gray16;
  glBindTexture(GL_TEXTURE_2D, texture_.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, wide ? 2 : 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, format.width, format.height, GL_RED,
                  wide ? GL_UNSIGNED_SHORT : GL_UNSIGNED_BYTE, nullptr);
  fences_[slot].insert();
  glBindBuffer(GL_PIXEL_UNPACK_BUFFER, 0);
}

}  // namespace fg::render
