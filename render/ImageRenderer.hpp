#pragma once
// The whole drawing of one view: image (window/level), colour layer, overlays, into a
// RenderTarget. The window, snapshots, the headless mode and the bench all use this one path.

#include <memory>

#include "core/Frame.hpp"
#include "core/Status.hpp"
#include "render/ColormapLayer.hpp"
#include "render/DisplayPass.hpp"
#include "render/FrameUploader.hpp"
#include "render/OverlayPass.hpp"
#include "render/RenderTarget.hpp"
#include "render/TemporalFilterPass.hpp"

namespace fg::render {

// How strongly each layer covers the image: the subtracted image (grey, replaces the live image
// at 1) and the contrast colour layer over it.
struct LayerOpacities {
  float subtracted = 0.0f;
  float contrast = 0.6f;
};

class ImageRenderer {
 public:
  // Needs a current GL 3.3 core context; fails with the shader log if a shader does not build.
  static core::Result<std::unique_ptr<ImageRenderer>> create(const GlyphAtlas& atlas);

  // A new frame, through the display's noise filter when `filter` has a strength.
  void upload(const core::Frame& frame, const TemporalFilterSettings& filter = {});
  bool hasImage() const { return uploader_.hasImage(); }
  const core::FrameFormat& imageFormat() const { return uploader_.format(); }
  ColormapLayer& colormapLayer() { return colormap_; }
  ColormapLayer& subtractedLayer() { return subtracted_; }
  const GlyphAtlas& atlas() const { return overlay_.atlas(); }

  // A transform for `target` and the current image.
  ViewTransform viewFor(const RenderTarget& target, const ViewState& state) const;
  void draw(RenderTarget& target, const ViewTransform& view, const DisplaySettings& settings,
            const OverlayList& overlays, LayerOpacities layers = {});

 private:
  ImageRenderer(TemporalFilterPass filter, DisplayPass display, ColormapLayer subtracted, ColormapLayer colormap,
                OverlayPass overlay)
      : filter_(std::move(filter)),
        display_(std::move(display)),
        subtracted_(std::move(subtracted)),
        colormap_(std::move(colormap)),
        overlay_(std::move(overlay)) {}
  FrameUploader uploader_;
  TemporalFilterPass filter_;
  DisplayPass display_;
  ColormapLayer subtracted_;
  ColormapLayer colormap_;
  OverlayPass overlay_;
};

}  // namespace fg::render
