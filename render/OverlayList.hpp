#pragma once
// What to draw over the image this frame, collected by annotations and later by guidance, then
// drawn in one pass. Positions are in image px (they follow zoom and pan); line widths, marker
// sizes and text sizes are in viewport px (they stay readable at any zoom). Screen items are
// placed in viewport px (banners, status marks).

#include <string>
#include <vector>

#include "render/ViewTransform.hpp"

namespace fg::render {

struct Color {
  float r = 1, g = 1, b = 1, a = 1;
};

namespace colors {
inline constexpr Color kWhite{1, 1, 1, 1};
inline constexpr Color kYellow{1.0f, 0.85f, 0.1f, 1};
inline constexpr Color kAmber{1.0f, 0.6f, 0.0f, 1};
inline constexpr Color kRed{1.0f, 0.25f, 0.2f, 1};
inline constexpr Color kGreen{0.3f, 1.0f, 0.4f, 1};
inline constexpr Color kCyan{0.3f, 0.9f, 1.0f, 1};
inline constexpr Color kShadow{0, 0, 0, 0.85f};
}  // namespace colors

enum class Space : uint8_t { Invalid = 0, Image, Viewport };
enum class MarkerShape : uint8_t { Invalid = 0, Cross, Circle, Square };

// Where text sits relative to its anchor: (0,0) anchor at the text's top-left, (0.5,0.5) centred,
// (1,1) bottom-right.
struct Pivot {
  float x = 0;
  float y = 0;
};

struct OverlayLine {
  Space space = Space::Image;
  std::vector<Vec2> points;
  bool closed = false;
  float widthPx = 2;
  Color color;
};

struct OverlayMarker {
  Vec2 imagePx;
  MarkerShape shape = MarkerShape::Cross;
  float sizePx = 12;
  float widthPx = 2;
  Color color;
};

struct OverlayText {
  Space space = Space::Image;
  Vec2 anchor;
  Vec2 offsetPx;  // added in viewport px after placing the anchor
  Pivot pivot;
  std::string text;
  Color color;
  Color background{0, 0, 0, 0};  // a box behind the text when alpha > 0
};

struct OverlayRect {  // filled, viewport px
  Vec2 minPx, maxPx;
  Color color;
};

class OverlayList {
 public:
  void line(Vec2 aImagePx, Vec2 bImagePx, Color color, float widthPx = 2);
  void polyline(std::vector<Vec2> imagePx, Color color, float widthPx = 2, bool closed = false);
  void marker(Vec2 imagePx, MarkerShape shape, Color color, float sizePx = 12, float widthPx = 2);
  // `background`: a box behind the text (alpha > 0), so it reads over a noisy subtracted image.
  void text(Vec2 anchorImagePx, std::string text, Color color, Pivot pivot = {}, Vec2 offsetPx = {},
            Color background = {0, 0, 0, 0});
  void screenText(Vec2 viewportPx, std::string text, Color color, Pivot pivot = {},
                  Color background = {0, 0, 0, 0});
  void screenLine(Vec2 aViewportPx, Vec2 bViewportPx, Color color, float widthPx = 2);
  void screenRect(Vec2 minPx, Vec2 maxPx, Color color);
  void clear();

  const std::vector<OverlayLine>& lines() const { return lines_; }
  const std::vector<OverlayMarker>& markers() const { return markers_; }
  const std::vector<OverlayText>& texts() const { return texts_; }
  const std::vector<OverlayRect>& rects() const { return rects_; }
  bool empty() const { return lines_.empty() && markers_.empty() && texts_.empty() && rects_.empty(); }

 private:
  std::vector<OverlayLine> lines_;
  std::vector<OverlayMarker> markers_;
  std::vector<OverlayText> texts_;
  std::vector<OverlayRect> rects_;
};

}  // namespace fg::render
