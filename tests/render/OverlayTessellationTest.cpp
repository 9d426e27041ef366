#include <catch2/catch.hpp>
#include <cmath>

#include "render/OverlayPass.hpp"

using namespace fg::render;

namespace {
const GlyphAtlas& atlas() {
  static const GlyphAtlas a = buildGlyphAtlas(16, defaultFontPath());
  return a;
}
}  // namespace

TEST_CASE("glyph atlas has printable ASCII and a white texel", "[render][overlay]") {
  const auto& a = atlas();
  CHECK(a.width > 0);
  CHECK(a.coverage.size() == static_cast<size_t>(a.width) * a.height);
  CHECK(a.glyph('A').advancePx > 0);
  CHECK(a.textWidthPx("LL") == Approx(2 * a.glyph('L').advancePx));
  const int wx = static_cast<int>(a.whiteU * a.width), wy = static_cast<int>(a.whiteV * a.height);
  CHECK(a.coverage[static_cast<size_t>(wy * a.width + wx)] == 255);
}

TEST_CASE("image-space lines follow the view; widths stay in screen px", "[render][overlay]") {
  OverlayList list;
  list.line({10, 10}, {20, 10}, colors::kGreen, 4);
  ViewState state;
  state.zoom = 2;
  ViewTransform view(100, 100, 100, 100, state);  // 2 viewport px per image px
  std::vector<OverlayVertex> v;
  tessellateOverlay(list, view, atlas(), v);
  REQUIRE(v.size() == 12);  // outline quad + line quad
  float minY = 1e9f, maxY = -1e9f, minX = 1e9f, maxX = -1e9f;
  for (size_t i = 6; i < 12; ++i) {
    minY = std::min(minY, v[i].y);
    maxY = std::max(maxY, v[i].y);
    minX = std::min(minX, v[i].x);
    maxX = std::max(maxX, v[i].x);
  }
  CHECK(maxY - minY == Approx(4));                // width in viewport px, not scaled by zoom
  CHECK(maxX - minX == Approx(20 + 4));           // 10 image px * 2, plus the caps
  CHECK(v[6].g == Approx(colors::kGreen.g));
}

TEST_CASE("text is placed by its pivot", "[render][overlay]") {
  OverlayList list;
  list.screenText({50, 50}, "AB", colors::kWhite, {1.0f, 0.0f}, {0, 0, 0, 1});
  std::vector<OverlayVertex> v;
  tessellateOverlay(list, ViewTransform(100, 100, 100, 100, {}), atlas(), v);
  REQUIRE(v.size() >= 18);  // background box + two glyphs
  float maxX = -1e9f;
  for (size_t i = 6; i < v.size(); ++i) maxX = std::max(maxX, v[i].x);
  CHECK(maxX <= 50.5f);  // right-aligned to the anchor
}

TEST_CASE("markers keep their screen size at any zoom", "[render][overlay]") {
  for (float zoom : {1.0f, 4.0f}) {
    OverlayList list;
    list.marker({50, 50}, MarkerShape::Circle, colors::kCyan, 20, 2);
    ViewState state;
    state.zoom = zoom;
    ViewTransform view(100, 100, 100, 100, state);
    std::vector<OverlayVertex> v;
    tessellateOverlay(list, view, atlas(), v);
    REQUIRE(v.size() == 2 * 32 * 6);  // outline ring + ring, 32 segments of 2 triangles
    const Vec2 c = view.imageToViewport({50, 50});
    float maxR = 0;
    for (size_t i = v.size() / 2; i < v.size(); ++i) {
      maxR = std::max(maxR, std::hypot(v[i].x - c.x, v[i].y - c.y));
    }
    // Radius 10 plus half the line width, whatever the zoom (segment caps add a little).
    CHECK(maxR >= 11.0f);
    CHECK(maxR <= 11.5f);
  }
}
