#include "render/ImageRenderer.hpp"

#include "render/GlStateGuard.hpp"

namespace fg::render {

core::Result<std::unique_ptr<ImageRenderer>> ImageRenderer::create(const GlyphAtlas& atlas) {
  auto filter = TemporalFilterPass::create();
  if (!filter) return filter.status();
  auto display = DisplayPass::create();
  if (!display) return display.status();
  auto subtracted = ColormapLayer::create();
  if (!subtracted) return subtracted.status();
  subtracted.value().setLut(grayLut());
  auto colormap = ColormapLayer::create();
  if (!colormap) return colormap.status();
  auto overlay = OverlayPass::create(atlas);
  if (!overlay) return overlay.status();
  return std::unique_ptr<ImageRenderer>(new ImageRenderer(
      std::move(filter.value()), std::move(display.value()), std::move(subtracted.value()), std::move(colormap.value()),
      std::move(overlay.value())));
}

void ImageRenderer::upload(const core::Frame& frame, const TemporalFilterSettings& filter) {
  uploader_.upload(frame);
  filter_.apply(uploader_, filter);
}

ViewTransform ImageRenderer::viewFor(const RenderTarget& target, const ViewState& state) const {
  const auto& f = uploader_.format();
  return ViewTransform(target.width(), target.height(), f.width > 0 ? f.width : target.width(),
                       f.height > 0 ? f.height : target.height(), state);
}

void ImageRenderer::draw(RenderTarget& target, const ViewTransform& view, const DisplaySettings& settings,
                         const OverlayList& overlays, LayerOpacities layers) {
  GlStateGuard restore;
  target.bind();
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_CULL_FACE);
  glClearColor(0.0f, 0.0f, 0.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  const auto& f = uploader_.format();
  if (filter_.active()) {
    display_.draw({filter_.texture(), 1.0f, f.width, f.height}, view, settings);
  } else if (uploader_.hasImage()) {
    display_.draw({uploader_.texture(), uploader_.rawScale(), f.width, f.height}, view, settings);
  }
  subtracted_.draw(view, layers.subtracted, f.width, f.height);
  colormap_.draw(view, layers.contrast, f.width, f.height);
  overlay_.draw(overlays, view);
}

}  // namespace fg::render
