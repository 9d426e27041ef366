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

TEST_CASE("image to clip space matches image to viewport, turned or not", "[render][view]") {
  for (int turns = 0; turns < 4; ++turns) {
    for (bool flip : {false, true}) {
      ViewState state;
      state.zoom = 1.7f;
      state.panPx = {-5, 9};
      state.orientation = {turns, flip, !flip && turns == 1};
      ViewTransform view(300, 200, 64, 32, state);
      float x[3], y[3];
      view.imageToNdc(x, y);
      for (const Vec2 p : {Vec2{12, 20}, Vec2{0, 0}, Vec2{63, 31}}) {
        const Vec2 v = view.imageToViewport(p);
        CHECK(x[0] * p.x + x[1] * p.y + x[2] == Approx(v.x / 300 * 2 - 1));
        CHECK(y[0] * p.x + y[1] * p.y + y[2] == Approx(1 - v.y / 200 * 2));
        const Vec2 back = view.viewportToImage(v);
        CHECK(back.x == Approx(p.x).margin(1e-3));
        CHECK(back.y == Approx(p.y).margin(1e-3));
      }
    }
  }
}

TEST_CASE("the picture turns and mirrors as the C-arm's monitor shows it", "[render][view]") {
  // A 100 x 50 image in a 200 x 200 view.
  ViewState state;
  state.orientation.quarterTurns = 1;  // clockwise: the image's top-left goes to the top-right
  ViewTransform turned(200, 200, 100, 50, state);
  const Vec2 topLeft = turned.imageToViewport({0, 0}), topRight = turned.imageToViewport({99, 0});
  CHECK(topLeft.x > 140);  // the turned image spans x 50..150
  CHECK(topLeft.y < 50);
  CHECK(topRight.y > 150);  // the image's top row now runs down the right side
  CHECK(turned.viewportPxPerImagePx() == Approx(2.0f));  // the turned image is 50 wide, 100 high
  state.orientation = {0, true, false};  // mirrored left-right
  ViewTransform mirrored(200, 200, 100, 50, state);
  CHECK(mirrored.imageToViewport({0, 0}).x > mirrored.imageToViewport({99, 0}).x);
  CHECK(mirrored.imageDirectionOfViewportX().x == Approx(-1.0f));
  state.orientation = {0, false, true};  // top-bottom
  ViewTransform upsideDown(200, 200, 100, 50, state);
  CHECK(upsideDown.imageToViewport({0, 0}).y > upsideDown.imageToViewport({0, 49}).y);
}
