// Draws through the real GL pipeline (EGL surfaceless, Mesa llvmpipe in CI) and checks pixels.
#include <catch2/catch.hpp>
#include <cmath>

#include "GlTestContext.hpp"
#include "core/FramePool.hpp"
#include "render/ImageRenderer.hpp"

using namespace fg;
using namespace fg::render;

namespace {

// A horizontal 16-bit ramp: column x holds 16 * x (0..4080), 256 x 8 pixels.
core::FrameRef ramp16(core::FramePool& pool, int offset = 0) {
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = 256;
  f.height = 8;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  writer.setFormat(f);
  auto* px = reinterpret_cast<uint16_t*>(writer.bytes().data());
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 256; ++x) px[y * 256 + x] = static_cast<uint16_t>(std::min(4095, 16 * x + offset));
  }
  return std::move(writer).publish();
}

struct Fixture {
  Fixture() {
    test::glContext();
    auto created = ImageRenderer::create(buildGlyphAtlas(14, defaultFontPath()));
    if (!created.isOk()) FAIL(created.status().message());
    renderer = std::move(created.value());
    REQUIRE(target.resize(256, 8).isOk());
  }
  RgbaImage draw(const DisplaySettings& settings, const OverlayList& overlays = {}, float opacity = 0.6f) {
    renderer->draw(target, renderer->viewFor(target, {}), settings, overlays, {0.0f, opacity});
    return target.readPixels();
  }
  std::unique_ptr<ImageRenderer> renderer;
  RenderTarget target;
};

int grayAt(const RgbaImage& image, int x, int y) { return image.rgba[static_cast<size_t>((y * image.width + x) * 4)]; }

}  // namespace

TEST_CASE("window/level maps a known ramp to the expected grey levels", "[render][gl]") {
  Fixture fx;
  core::FramePool pool(2, 256 * 8 * 2);
  fx.renderer->upload(*ramp16(pool));

  DisplaySettings full;
  full.windowLevel = {2048, 4096};
  auto image = fx.draw(full);
  for (int x : {0, 64, 128, 200, 255}) {
    INFO("x = " << x);
    CHECK(grayAt(image, x, 4) == Approx(16.0 * x / 4096.0 * 255.0).margin(1.5));
  }

  DisplaySettings narrow;
  narrow.windowLevel = {2048, 1024};  // 1536..2560 spans black to white
  image = fx.draw(narrow);
  CHECK(grayAt(image, 64, 4) == 0);     // 1024: below the window
  CHECK(grayAt(image, 128, 4) == Approx(127.5).margin(1.5));  // 2048: mid grey
  CHECK(grayAt(image, 200, 4) == 255);  // 3200: above the window

  narrow.polarity = Polarity::Inverted;
  image = fx.draw(narrow);
  CHECK(grayAt(image, 64, 4) == 255);
  CHECK(grayAt(image, 200, 4) == 0);

  DisplaySettings gamma = full;
  gamma.gamma = 2.0;
  image = fx.draw(gamma);
  CHECK(grayAt(image, 64, 4) == Approx(std::sqrt(1024.0 / 4096.0) * 255.0).margin(1.5));
}

TEST_CASE("8-bit frames use the 8-bit raw range", "[render][gl]") {
  Fixture fx;
  core::FramePool pool(1, 256 * 8);
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = 256;
  f.height = 8;
  f.pixelFormat = core::PixelFormat::Gray8;
  f.bitsStored = 8;
  writer.setFormat(f);
  for (int i = 0; i < 256 * 8; ++i) writer.bytes()[static_cast<size_t>(i)] = static_cast<uint8_t>(i % 256);
  fx.renderer->upload(*std::move(writer).publish());
  DisplaySettings settings;
  settings.windowLevel = {128, 256};
  auto image = fx.draw(settings);
  CHECK(grayAt(image, 100, 4) == Approx(100).margin(1.5));
}

TEST_CASE("each upload through the buffer ring shows the newest frame", "[render][gl]") {
  Fixture fx;
  core::FramePool pool(8, 256 * 8 * 2);
  DisplaySettings settings;
  settings.windowLevel = {2048, 4096};
  for (int i = 0; i < 7; ++i) {  // more uploads than buffers in the ring
    fx.renderer->upload(*ramp16(pool, i * 100));
    auto image = fx.draw(settings);
    INFO("upload " << i);
    CHECK(grayAt(image, 10, 4) == Approx((160.0 + i * 100) / 4096.0 * 255.0).margin(1.5));
  }
}

TEST_CASE("overlay lines and the colour layer are drawn over the image", "[render][gl]") {
  Fixture fx;
  core::FramePool pool(1, 256 * 8 * 2);
  fx.renderer->upload(*ramp16(pool));
  REQUIRE(fx.target.resize(256, 256).isOk());  // square view: the 256x8 image is a thin band

  OverlayList overlays;
  overlays.screenLine({20, 200}, {120, 200}, {1, 0, 0, 1}, 6);
  std::vector<uint8_t> layer(256 * 8, 0);
  for (int x = 200; x < 256; ++x) {
    for (int y = 0; y < 8; ++y) layer[static_cast<size_t>(y * 256 + x)] = 255;
  }
  fx.renderer->colormapLayer().setValues(layer, 256, 8);
  fx.renderer->colormapLayer().setLut(solidLut({0, 0, 255, 255}));
  DisplaySettings settings;
  settings.windowLevel = {2048, 4096};
  auto image = fx.draw(settings, overlays, 1.0f);
  auto px = [&](int x, int y, int c) { return image.rgba[static_cast<size_t>((y * 256 + x) * 4 + c)]; };
  CHECK(px(70, 200, 0) == 255);  // red line
  CHECK(px(70, 200, 1) == 0);
  CHECK(px(70, 100, 0) == 0);    // black letterbox above the band
  CHECK(px(230, 128, 2) == 255);  // layer value 255 -> opaque blue
  CHECK(px(230, 128, 0) == 0);
  CHECK(px(100, 128, 2) == px(100, 128, 0));  // layer value 0 -> untouched grey

  image = fx.draw(settings, overlays, 0.5f);
  CHECK(px(230, 128, 2) > 200);
  CHECK(px(230, 128, 0) > 50);  // half the grey shows through
}

TEST_CASE("a coarser layer covers the whole image and the subtracted layer replaces it", "[render][gl]") {
  Fixture fx;
  core::FramePool pool(1, 256 * 8 * 2);
  fx.renderer->upload(*ramp16(pool));
  // The analysis works at half size: a 128x4 layer over the 256x8 image, right half set.
  std::vector<uint8_t> layer(128 * 4, 0);
  for (int y = 0; y < 4; ++y) {
    for (int x = 64; x < 128; ++x) layer[static_cast<size_t>(y * 128 + x)] = 255;
  }
  fx.renderer->colormapLayer().setValues(layer, 128, 4);
  fx.renderer->colormapLayer().setLut(solidLut({0, 0, 255, 255}));
  DisplaySettings settings;
  settings.windowLevel = {2048, 4096};
  auto image = fx.draw(settings, {}, 1.0f);
  auto px = [&](int x, int y, int c) { return image.rgba[static_cast<size_t>((y * 256 + x) * 4 + c)]; };
  CHECK(px(250, 4, 2) == 255);  // the layer reaches the image's right edge...
  CHECK(px(136, 4, 2) == 255);  // ...and starts half-way, not a quarter of the way
  CHECK(px(120, 4, 2) == px(120, 4, 0));

  // The subtracted image: an opaque grey layer over the live one.
  std::vector<uint8_t> grey(128 * 4, 40);
  fx.renderer->subtractedLayer().setValues(grey, 128, 4);
  fx.renderer->colormapLayer().clear();
  fx.renderer->draw(fx.target, fx.renderer->viewFor(fx.target, {}), settings, {}, {1.0f, 0.0f});
  image = fx.target.readPixels();
  CHECK(px(10, 4, 0) == 40);
  CHECK(px(240, 4, 0) == 40);  // the live ramp (bright here) no longer shows
}

TEST_CASE("text renders readable glyph pixels", "[render][gl]") {
  Fixture fx;
  core::FramePool pool(1, 256 * 8 * 2);
  fx.renderer->upload(*ramp16(pool));
  REQUIRE(fx.target.resize(256, 64).isOk());
  OverlayList overlays;
  overlays.screenText({10, 10}, "L4-5", {1, 1, 0, 1}, {}, {0, 0, 0, 1});
  DisplaySettings settings;
  auto image = fx.draw(settings, overlays);
  int yellow = 0;
  for (int y = 5; y < 40; ++y) {
    for (int x = 5; x < 80; ++x) {
      const size_t i = static_cast<size_t>((y * 256 + x) * 4);
      if (image.rgba[i] > 200 && image.rgba[i + 1] > 200 && image.rgba[i + 2] < 60) ++yellow;
    }
  }
  CHECK(yellow > 15);  // four glyphs' solid cores; anti-aliased edges are not counted
}
