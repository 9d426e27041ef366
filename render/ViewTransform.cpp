#include "render/ViewTransform.hpp"

namespace fg::render {

ViewTransform::ViewTransform(int viewportWidthPx, int viewportHeightPx, int imageWidthPx,
                             int imageHeightPx, const ViewState& state)
    : viewportW_(std::max(viewportWidthPx, 1)),
      viewportH_(std::max(viewportHeightPx, 1)),
      imageW_(std::max(imageWidthPx, 1)),
      imageH_(std::max(imageHeightPx, 1)) {
  const float fit = std::min(static_cast<float>(viewportW_) / imageW_,
                             static_cast<float>(viewportH_) / imageH_);
  scale_ = fit * state.zoom;
  // Centre of the image (between pixel centres) at the viewport centre, then pan.
  originPx_.x = viewportW_ * 0.5f + state.panPx.x - (imageW_ - 1) * 0.5f * scale_;
  originPx_.y = viewportH_ * 0.5f + state.panPx.y - (imageH_ - 1) * 0.5f * scale_;
}

Vec2 ViewTransform::imageToViewport(Vec2 p) const {
  return {originPx_.x + p.x * scale_, originPx_.y + p.y * scale_};
}

Vec2 ViewTransform::viewportToImage(Vec2 v) const {
  return {(v.x - originPx_.x) / scale_, (v.y - originPx_.y) / scale_};
}

void ViewTransform::imageToNdc(float out[4]) const {
  // ndc.x = 2 * vx / W - 1, ndc.y = 1 - 2 * vy / H, with v = origin + p * scale.
  out[0] = 2.0f * scale_ / viewportW_;
  out[1] = -2.0f * scale_ / viewportH_;
  out[2] = 2.0f * originPx_.x / viewportW_ - 1.0f;
  out[3] = 1.0f - 2.0f * originPx_.y / viewportH_;
}

void zoomAbout(ViewState& state, const ViewTransform& before, Vec2 viewportPx, float factor) {
  const Vec2 anchor = before.viewportToImage(viewportPx);
  state.zoom = std::clamp(state.zoom * factor, 0.1f, 32.0f);
  const ViewTransform after(before.viewportWidth(), before.viewportHeight(), before.imageWidth(),
                            before.imageHeight(), state);
  const Vec2 moved = after.imageToViewport(anchor);
  state.panPx.x += viewportPx.x - moved.x;
  state.panPx.y += viewportPx.y - moved.y;
}

}  // namespace fg::render
