#pragma once
// A GL context with no window (EGL) and the shared ImageRenderer on it: what the headless mode
// and the bench draw with.

#include <memory>

#include "core/Status.hpp"
#include "render/EglOffscreen.hpp"
#include "render/ImageRenderer.hpp"

namespace fg::app {

struct OffscreenRenderer {
  std::unique_ptr<render::EglOffscreen> context;  // declared first: destroyed last
  std::unique_ptr<render::ImageRenderer> renderer;
  render::RenderTarget target;
};

core::Result<std::unique_ptr<OffscreenRenderer>> createOffscreenRenderer(int viewWidthPx, int viewHeightPx);

}  // namespace fg::app
