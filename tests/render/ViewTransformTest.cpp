#include <catch2/catch.hpp>

#include "render/ViewTransform.hpp"

using namespace fg::render;

TEST_CASE("fit puts the image centre at the viewport centre", "[render][view]") {
  ViewTransform view(800, 600, 1024, 1024, {});
  CHECK(view.viewportPxPerImagePx() == Approx(600.0 / 1024));
  const Vec2 c = view.imageToViewport({511.5f, 511.5f});
  CHECK(c.x == Approx(400));
  CHECK(c.y == Approx(300));
  // The picture's outer edges touch the top and bottom of the viewport.
  CHECK(view.imageToViewport({-0.5f, -0.5f}).y == Approx(0).margin(1e-3));
  CHECK(view.imageToViewport({1023.5f, 1023.5f}).y == Approx(600));
}

TEST_CASE("viewport and image coordinates round-trip under zoom and pan", "[render][view]") {
  ViewState state;
  state.zoom = 2.5f;
  state.panPx = {30, -12};
  ViewTransform view(640, 480, 512, 256, state);
  const Vec2 p{100.25f, 37.5f};
  const Vec2 back = view.viewportToImage(view.imageToViewport(p));
  CHECK(back.x == Approx(p.x));
  CHECK(back.y == Approx(p.y));
}

TEST_CASE("zooming about a point keeps that point under the cursor", "[render][view]") {
  ViewState state;
  ViewTransform before(1000, 800, 1024, 1024, state);
  const Vec2 cursor{700, 200};
  const Vec2 under = before.viewportToImage(cursor);
  zoomAbout(state, before, cursor, 2.0f);
  ViewTransform after(1000, 800, 1024, 1024, state);
  const Vec2 still = after.imageToViewport(under);
  CHECK(state.zoom == Approx(2.0f));
  CHECK(still.x == Approx(cursor.x));
  CHECK(still.y == Approx(cursor.y));
}

TEST_CASE("image to clip space matches image to viewport", "[render][view]") {
  ViewState state;
  state.zoom = 1.7f;
  state.panPx = {-5, 9};
  ViewTransform view(300, 200, 64, 32, state);
  float k[4];
  view.imageToNdc(k);
  const Vec2 p{12, 20};
  const Vec2 v = view.imageToViewport(p);
  CHECK(p.x * k[0] + k[2] == Approx(v.x / 300 * 2 - 1));
  CHECK(p.y * k[1] + k[3] == Approx(1 - v.y / 200 * 2));
}
