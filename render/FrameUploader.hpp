#pragma once
// Uploads the newest frame into a GL_R16 / GL_R8 texture through a ring of pixel-unpack buffers:
// the CPU writes one buffer while the GPU may still read the one before, and a fence guards reuse.
// The frame is copied exactly once (into the mapped buffer); the texture update from the buffer
// runs on the GPU side.

#include <array>

#include "core/Frame.hpp"
#include "render/GlObject.hpp"

namespace fg::render {

class FrameUploader {
 public:
  static constexpr int kRingSize = 3;

  void upload(const core::Frame& frame);
  GLuint texture() const { return texture_.get(); }
  const core::FrameFormat& format() const { return format_; }
  bool hasImage() const { return static_cast<bool>(texture_); }
  // 65535 or 255: multiplies a normalised texel back to the raw integer.
  float rawScale() const;

 private:
  void reallocate(const core::FrameFormat& format);

  GlTexture texture_;
  std::array<GlBuffer, kRingSize> buffers_;
  std::array<GlFence, kRingSize> fences_;
  int next_ = 0;
  core::FrameFormat format_;
};

}  // namespace fg::render
