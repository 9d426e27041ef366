#pragma once
// How the picture is turned to match the C-arm's monitor: quarter turns clockwise, then mirrored
// left-right and/or top-bottom. Kept with the case; the screen (render::ViewTransform) and the
// exported videos (record) turn by the same value.

namespace fg::core {

struct ViewOrientation {
  int quarterTurns = 0;         // 0..3, clockwise
  bool flipHorizontal = false;  // after the turn: left and right swapped
  bool flipVertical = false;    // after the turn: top and bottom swapped
  int turns() const { return ((quarterTurns % 4) + 4) % 4; }
  bool sideways() const { return turns() % 2 == 1; }  // width and height swap on screen
  bool operator==(const ViewOrientation&) const = default;
};

}  // namespace fg::core
