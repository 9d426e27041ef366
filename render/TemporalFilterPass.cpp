#include "render/TemporalFilterPass.hpp"

#include <algorithm>

#include "render/GlStateGuard.hpp"

namespace fg::render {
namespace {
constexpr double kMaxStillGainDrop = 0.875;  // strength 1: still gain 0.125, about 15 frames
}

core::Result<TemporalFilterPass> TemporalFilterPass::create() {
  auto program = ShaderProgram::build("temporal.vert", "temporal.frag");
  if (!program) return program.status();
  TemporalFilterPass pass;
  pass.program_ = std::move(program.value());
  pass.vertexArray_ = GlVertexArray::create();
  return pass;
}

void TemporalFilterPass::reallocate(int width, int height) {
  for (int i = 0; i < 2; ++i) {
    textures_[i] = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, textures_[i].get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, width, height, 0, GL_RED, GL_FLOAT, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    framebuffers_[i] = GlFramebuffer::create();
    glBindFramebuffer(GL_FRAMEBUFFER, framebuffers_[i].get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, textures_[i].get(), 0);
  }
  width_ = width;
  height_ = height;
  primed_ = false;
}

void TemporalFilterPass::apply(const FrameUploader& image, const TemporalFilterSettings& settings) {
  active_ = image.hasImage() && settings.strength > 0 && settings.noiseSigmaRaw > 0;
  if (!active_) {
    primed_ = false;  // when it is switched on again it starts from the frame then shown
    return;
  }
  GlStateGuard restore;
  const auto& f = image.format();
  if (f.width != width_ || f.height != height_ || !textures_[0]) reallocate(f.width, f.height);
  const int next = primed_ ? 1 - current_ : current_;
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffers_[next].get());
  glViewport(0, 0, width_, height_);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_.id());
  glUniform1i(program_.uniform("uFrame"), 0);
  glUniform1i(program_.uniform("uPrevious"), 1);
  glUniform1f(program_.uniform("uRawScale"), image.rawScale());
  glUniform1f(program_.uniform("uStillGain"),
              static_cast<float>(1.0 - kMaxStillGainDrop * std::clamp(settings.strength, 0.0, 1.0)));
  glUniform1f(program_.uniform("uNoiseSigma"), static_cast<float>(settings.noiseSigmaRaw));
  glUniform1i(program_.uniform("uReset"), primed_ ? 0 : 1);
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, textures_[current_].get());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, image.texture());
  glBindVertexArray(vertexArray_.get());
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  current_ = next;
  primed_ = true;
}

}  // namespace fg::render
