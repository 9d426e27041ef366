#pragma once
// The display's recursive noise filter on the GPU: each new frame is blended into the last
// output (two float textures, used in turn), motion-adaptively so a moving needle does not smear
// (see shaders/temporal.frag). Runs once per new frame; a held frame keeps the last output (last
// image hold). Strength 0 is off: the display then reads the uploaded frame directly.

#include "core/Status.hpp"
#include "render/FrameUploader.hpp"
#include "render/GlObject.hpp"
#include "render/ShaderProgram.hpp"

namespace fg::render {

struct TemporalFilterSettings {
  double strength = 0.0;       // 0 off .. 1 strongest (still gain 1 .. 0.125)
  double noiseSigmaRaw = 0.0;  // the frame's noise, raw units; <= 0 disables the filter
};

class TemporalFilterPass {
 public:
  static core::Result<TemporalFilterPass> create();
  // Filters the uploader's newest frame (GL state restored afterwards).
  void apply(const FrameUploader& image, const TemporalFilterSettings& settings);
  void reset() { primed_ = false; }
  // The filtered image (R32F, raw units), valid after apply() with a strength > 0.
  bool active() const { return active_; }
  GLuint texture() const { return textures_[current_].get(); }

 private:
  void reallocate(int width, int height);

  ShaderProgram program_;
  GlVertexArray vertexArray_;
  GlTexture textures_[2];
  GlFramebuffer framebuffers_[2];
  int current_ = 0;
  int width_ = 0, height_ = 0;
  bool primed_ = false;
  bool active_ = false;
};

}  // namespace fg::render
