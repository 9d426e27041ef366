#pragma once
// Maps image px to viewport px and back.
// Image frame: origin at the centre of the top-left pixel, x right, y down, unit pixel.
// Viewport frame: origin at the top-left corner of the drawing area, x right, y down, unit pixel.
// The image is first turned as the C-arm's monitor shows it (quarter turns clockwise, then
// mirrored left-right and/or top-bottom), then fitted: zoom 1 fits the whole turned image into the
// viewport; pan moves it, in viewport px. Everything drawn in image px (overlays, the mouse's
// clicks) follows the same turn.

#include <algorithm>

#include "core/ViewOrientation.hpp"

namespace fg::render {

struct Vec2 {
  float x = 0;
  float y = 0;
};

using core::ViewOrientation;

struct ViewState {
  float zoom = 1.0f;  // 1 = fit
  Vec2 panPx;         // viewport px
  ViewOrientation orientation;
};

class ViewTransform {
 public:
  ViewTransform(int viewportWidthPx, int viewportHeightPx, int imageWidthPx, int imageHeightPx,
                const ViewState& state);

  Vec2 imageToViewport(Vec2 imagePx) const;
  Vec2 viewportToImage(Vec2 viewportPx) const;
  float viewportPxPerImagePx() const { return scale_; }
  int viewportWidth() const { return viewportW_; }
  int viewportHeight() const { return viewportH_; }
  int imageWidth() const { return imageW_; }
  int imageHeight() const { return imageH_; }
  // Clip-space mapping of image px for shaders: ndc.x = dot(rowX.xy, px) + rowX.z, likewise y.
  void imageToNdc(float rowX[3], float rowY[3]) const;
  const ViewOrientation& orientation() const { return orientation_; }
  // The image px direction that points to the viewport's +x (right) and +y (down), unit length.
  Vec2 imageDirectionOfViewportX() const { return {axisX_.x, axisY_.x}; }
  Vec2 imageDirectionOfViewportY() const { return {axisX_.y, axisY_.y}; }

 private:
  int viewportW_, viewportH_, imageW_, imageH_;
  float scale_;
  ViewOrientation orientation_;
  // viewport = originPx_ + scale_ * (axisX_ * px.x + axisY_ * px.y): the turned image's axes.
  Vec2 axisX_{1, 0}, axisY_{0, 1};
  Vec2 originPx_;  // viewport position of image px (0, 0)
};

// The zoom that keeps `imagePx` under `viewportPx` while scaling by `factor`; updates state.
void zoomAbout(ViewState& state, const ViewTransform& before, Vec2 viewportPx, float factor);

}  // namespace fg::render
