#pragma once
// Maps image px to viewport px and back.
// Image frame: origin at the centre of the top-left pixel, x right, y down, unit pixel.
// Viewport frame: origin at the top-left corner of the drawing area, x right, y down, unit pixel.
// zoom 1 fits the whole image into the viewport; pan moves the image, in viewport px.

#include <algorithm>

namespace fg::render {

struct Vec2 {
  float x = 0;
  float y = 0;
};

struct ViewState {
  float zoom = 1.0f;  // 1 = fit
  Vec2 panPx;         // viewport px
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
  // Clip-space mapping of image px for shaders: ndc = px * scale + offset (per axis).
  void imageToNdc(float out[4]) const;

 private:
  int viewportW_, viewportH_, imageW_, imageH_;
  float scale_;
  Vec2 originPx_;  // viewport position of image px (0, 0)
};

// The zoom that keeps `imagePx` under `viewportPx` while scaling by `factor`; updates state.
void zoomAbout(ViewState& state, const ViewTransform& before, Vec2 viewportPx, float factor);

}  // namespace fg::render
