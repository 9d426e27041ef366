#include "render/OverlayList.hpp"

namespace fg::render {

void OverlayList::line(Vec2 a, Vec2 b, Color color, float widthPx) {
  lines_.push_back({Space::Image, {a, b}, false, widthPx, color});
}

void OverlayList::polyline(std::vector<Vec2> points, Color color, float widthPx, bool closed) {
  lines_.push_back({Space::Image, std::move(points), closed, widthPx, color});
}

void OverlayList::marker(Vec2 p, MarkerShape shape, Color color, float sizePx, float widthPx) {
  markers_.push_back({p, shape, sizePx, widthPx, color});
}

void OverlayList::text(Vec2 anchor, std::string text, Color color, Pivot pivot, Vec2 offsetPx,
                       Color background) {
  texts_.push_back({Space::Image, anchor, offsetPx, pivot, std::move(text), color, background});
}

void OverlayList::screenText(Vec2 p, std::string text, Color color, Pivot pivot, Color background) {
  texts_.push_back({Space::Viewport, p, {}, pivot, std::move(text), color, background});
}

void OverlayList::screenLine(Vec2 a, Vec2 b, Color color, float widthPx) {
  lines_.push_back({Space::Viewport, {a, b}, false, widthPx, color});
}

void OverlayList::screenRect(Vec2 minPx, Vec2 maxPx, Color color) {
  rects_.push_back({minPx, maxPx, color});
}

void OverlayList::clear() {
  lines_.clear();
  markers_.clear();
  texts_.clear();
  rects_.clear();
}

}  // namespace fg::render
