#include "app/OffscreenRenderer.hpp"

namespace fg::app {

core::Result<std::unique_ptr<OffscreenRenderer>> createOffscreenRenderer(int viewWidthPx, int viewHeightPx) {
  auto out = std::make_unique<OffscreenRenderer>();
  auto context = render::EglOffscreen::create();
  if (!context) return context.status();
  out->context = std::move(context.value());
  auto renderer = render::ImageRenderer::create(
      render::buildGlyphAtlas(render::kOverlayFontPx, render::defaultFontPath()));
  if (!renderer) return renderer.status();
  out->renderer = std::move(renderer.value());
  if (auto status = out->target.resize(viewWidthPx, viewHeightPx); !status) return status;
  return out;
}

}  // namespace fg::app
