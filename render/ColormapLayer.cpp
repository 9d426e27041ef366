#include "render/ColormapLayer.hpp"

#include <algorithm>

namespace fg::render {

ColorLut hotLut() {
  ColorLut lut{};
  for (int i = 1; i < 256; ++i) {
    const float t = i / 255.0f;
    lut[static_cast<size_t>(i)] = {static_cast<uint8_t>(std::min(1.0f, 0.4f + t * 1.8f) * 255),
                                   static_cast<uint8_t>(std::clamp(t * 2.0f - 0.4f, 0.0f, 1.0f) * 255),
                                   static_cast<uint8_t>(std::clamp(t * 3.0f - 2.0f, 0.0f, 1.0f) * 255),
                                   255};
  }
  return lut;
}

ColorLut solidLut(Rgba8 color) {
  ColorLut lut{};
  for (int i = 1; i < 256; ++i) {
    lut[static_cast<size_t>(i)] = {color.r, color.g, color.b,
                                   static_cast<uint8_t>(color.a * i / 255)};
  }
  return lut;
}

ColorLut grayLut() {
  ColorLut lut{};
  for (int i = 0; i < 256; ++i) {
    const auto v = static_cast<uint8_t>(i);
    lut[static_cast<size_t>(i)] = {v, v, v, 255};
  }
  return lut;
}

core::Result<ColormapLayer> ColormapLayer::create() {
  auto program = ShaderProgram::build("image.vert", "colormap.frag");
  if (!program) return program.status();
  ColormapLayer layer;
  layer.program_ = std::move(program.value());
  layer.vertexArray_ = GlVertexArray::create();
  layer.lut_ = GlTexture::create();
  layer.setLut(hotLut());
  return layer;
}

void ColormapLayer::setLut(const ColorLut& lut) {
  glBindTexture(GL_TEXTURE_2D, lut_.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, lut.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
}

void ColormapLayer::setValues(std::span<const uint8_t> values, int width, int height) {
  if (!values_ || width != width_ || height != height_) {
    values_ = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, values_.get());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, nullptr);
    // Nearest: a segmentation must not bleed into its neighbours.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    width_ = width;
    height_ = height;
  }
  glBindTexture(GL_TEXTURE_2D, values_.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RED, GL_UNSIGNED_BYTE, values.data());
  hasValues_ = true;
}

void ColormapLayer::draw(const ViewTransform& view, float opacity, int imageWidthPx, int imageHeightPx) const {
  if (!hasValues_ || opacity <= 0.0f) return;
  float ndcX[3], ndcY[3];
  view.imageToNdc(ndcX, ndcY);
  glUseProgram(program_.id());
  glUniform2f(program_.uniform("uImageSizePx"), static_cast<float>(imageWidthPx > 0 ? imageWidthPx : width_),
              static_cast<float>(imageHeightPx > 0 ? imageHeightPx : height_));
  glUniform3fv(program_.uniform("uNdcX"), 1, ndcX);
  glUniform3fv(program_.uniform("uNdcY"), 1, ndcY);
  glUniform1i(program_.uniform("uLayer"), 0);
  glUniform1i(program_.uniform("uLut"), 1);
  glUniform1f(program_.uniform("uOpacity"), std::clamp(opacity, 0.0f, 1.0f));
  glActiveTexture(GL_TEXTURE1);
  glBindTexture(GL_TEXTURE_2D, lut_.get());
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, values_.get());
  glEnable(GL_BLEND);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glBindVertexArray(vertexArray_.get());
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace fg::render
