#include "render/DisplayPass.hpp"

#include <algorithm>

namespace fg::render {

core::Result<DisplayPass> DisplayPass::create() {
  auto program = ShaderProgram::build("image.vert", "image.frag");
  if (!program) return program.status();
  DisplayPass pass;
  pass.program_ = std::move(program.value());
  pass.vertexArray_ = GlVertexArray::create();
  return pass;
}

void DisplayPass::draw(const Source& image, const ViewTransform& view, const DisplaySettings& settings) const {
  if (image.texture == 0) return;
  float ndcX[3], ndcY[3];
  view.imageToNdc(ndcX, ndcY);
  glUseProgram(program_.id());
  glUniform2f(program_.uniform("uImageSizePx"), static_cast<float>(image.widthPx),
              static_cast<float>(image.heightPx));
  glUniform3fv(program_.uniform("uNdcX"), 1, ndcX);
  glUniform3fv(program_.uniform("uNdcY"), 1, ndcY);
  glUniform1i(program_.uniform("uImage"), 0);
  glUniform1f(program_.uniform("uRawScale"), image.rawScale);
  glUniform1f(program_.uniform("uWindowCenter"), static_cast<float>(settings.windowLevel.center));
  glUniform1f(program_.uniform("uWindowWidth"),
              static_cast<float>(std::max(settings.windowLevel.width, 1.0)));
  glUniform1f(program_.uniform("uGamma"), static_cast<float>(std::clamp(settings.gamma, 0.1, 10.0)));
  glUniform1i(program_.uniform("uInvert"), settings.polarity == Polarity::Inverted ? 1 : 0);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, image.texture);
  glDisable(GL_BLEND);
  glBindVertexArray(vertexArray_.get());
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace fg::render
