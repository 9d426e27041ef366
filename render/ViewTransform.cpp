#include "render/ViewTransform.hpp"

namespace fg::render {

ViewTransform::ViewTransform(int viewportWidthPx, int viewportHeightPx, int imageWidthPx,
                             int imageHeightPx, const ViewState& state)
    : viewportW_(std::max(viewportWidthPx, 1)),
      viewportH_(std::max(viewportHeightPx, 1)),
      imageW_(std::max(imageWidthPx, 1)),
      imageH_(std::max(imageHeightPx, 1)),
      orientation_(state.orientation) {
  // Where the image's x and y axes point on the screen: turned clockwise, then mirrored.
  for (int i = 0; i < state.orientation.turns(); ++i) {
    axisX_ = {-axisX_.y, axisX_.x};  // clockwise on a y-down screen
    axisY_ = {-axisY_.y, axisY_.x};
  }
  if (state.orientation.flipHorizontal) axisX_.x = -axisX_.x, axisY_.x = -axisY_.x;
  if (state.orientation.flipVertical) axisX_.y = -axisX_.y, axisY_.y = -axisY_.y;
  const bool sideways = state.orientation.sideways();
  const float shownW = static_cast<float>(sideways ? imageH_ : imageW_);
  const float shownH = static_cast<float>(sideways ? imageW_ : imageH_);
  const float fit = std::min(static_cast<float>(viewportW_) / shownW, static_cast<float>(viewportH_) / shownH);
  scale_ = fit * state.zoom;
  // Centre of the image (between pixel centres) at the viewport centre, then pan.
  const Vec2 centre{(imageW_ - 1) * 0.5f, (imageH_ - 1) * 0.5f};
  originPx_.x = viewportW_ * 0.5f + state.panPx.x - scale_ * (axisX_.x * centre.x + axisY_.x * centre.y);
  originPx_.y = viewportH_ * 0.5f + state.panPx.y - scale_ * (axisX_.y * centre.x + axisY_.y * centre.y);
}

Vec2 ViewTransform::imageToViewport(Vec2 p) const {
  return {originPx_.x + scale_ * (axisX_.x * p.x + axisY_.x * p.y),
          originPx_.y + scale_ * (axisX_.y * p.x + axisY_.y * p.y)};
}

Vec2 ViewTransform::viewportToImage(Vec2 v) const {
  // The axes are orthonormal: the inverse turn is the transpose.
  const float dx = (v.x - originPx_.x) / scale_, dy = (v.y - originPx_.y) / scale_;
  return {axisX_.x * dx + axisX_.y * dy, axisY_.x * dx + axisY_.y * dy};
}

void ViewTransform::imageToNdc(float rowX[3], float rowY[3]) const {
  // ndc.x = 2 * vx / W - 1, ndc.y = 1 - 2 * vy / H, with v = origin + scale * (axisX px.x + axisY px.y).
  rowX[0] = 2.0f * scale_ * axisX_.x / viewportW_;
  rowX[1] = 2.0f * scale_ * axisY_.x / viewportW_;
  rowX[2] = 2.0f * originPx_.x / viewportW_ - 1.0f;
  rowY[0] = -2.0f * scale_ * axisX_.y / viewportH_;
  rowY[1] = -2.0f * scale_ * axisY_.y / viewportH_;
  rowY[2] = 1.0f - 2.0f * originPx_.y / viewportH_;
}

void zoomAbout(ViewState& state, const ViewTransform& before, Vec2 viewportPx, float factor) {
  const Vec2 anchor = before.viewportToImage(viewportPx);
  state.zoom = std::clamp(state.zoom * factor, 0.1f, 32.0f);
  const ViewTransform after(before.viewportWidth(), before.viewportHeight(), before.imageWidth(),
                            before.imageHeight(), state);  // state keeps the orientation
  const Vec2 moved = after.imageToViewport(anchor);
  state.panPx.x += viewportPx.x - moved.x;
  state.panPx.y += viewportPx.y - moved.y;
}

}  // namespace fg::render
