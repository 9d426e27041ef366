// The display's noise filter on the GPU (EGL surfaceless, llvmpipe in CI).
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "GlTestContext.hpp"
#include "core/FramePool.hpp"
#include "render/ImageRenderer.hpp"

using namespace fg;
using namespace fg::render;

namespace {

constexpr int kSize = 128;
constexpr double kNoise = 40;  // raw units, 12-bit image around 2000

// Uniform 2000 with Gaussian noise; columns >= edgeX hold 3000 (a bright structure's edge).
core::FrameRef noisyFrame(core::FramePool& pool, unsigned seed, int edgeX) {
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = kSize;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  writer.setFormat(f);
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(0, kNoise);
  auto* px = reinterpret_cast<uint16_t*>(writer.bytes().data());
  for (int y = 0; y < kSize; ++y) {
    for (int x = 0; x < kSize; ++x) {
      px[y * kSize + x] = static_cast<uint16_t>(std::lround((x >= edgeX ? 3000 : 2000) + noise(rng)));
    }
  }
  return std::move(writer).publish();
}

// The drawn grey of each pixel back in raw units (window 1500..3500 over 0..255).
std::vector<double> drawnRaw(ImageRenderer& renderer, RenderTarget& target) {
  DisplaySettings settings;
  settings.windowLevel = {2500, 2000};
  renderer.draw(target, renderer.viewFor(target, {}), settings, {}, {0.0f, 0.0f});
  const RgbaImage image = target.readPixels();
  std::vector<double> raw;
  for (size_t i = 0; i < image.rgba.size(); i += 4) raw.push_back(1500 + image.rgba[i] * 2000.0 / 255.0);
  return raw;
}

double stdDev(const std::vector<double>& v, int x0, int x1) {
  double sum = 0, sum2 = 0;
  int n = 0;
  for (int y = 0; y < kSize; ++y) {
    for (int x = x0; x < x1; ++x) {
      const double value = v[static_cast<size_t>(y * kSize + x)];
      sum += value;
      sum2 += value * value;
      ++n;
    }
  }
  const double mean = sum / n;
  return std::sqrt(std::max(0.0, sum2 / n - mean * mean));
}

}  // namespace

TEST_CASE("the display noise filter quiets a still image and follows an edge that moves", "[render][gl]") {
  test::glContext();
  auto created = ImageRenderer::create(buildGlyphAtlas(14, defaultFontPath()));
  REQUIRE(created.isOk());
  ImageRenderer& renderer = *created.value();
  RenderTarget target;
  REQUIRE(target.resize(kSize, kSize).isOk());
  core::FramePool pool(2, kSize * kSize * 2);
  const TemporalFilterSettings filter{0.8, kNoise};

  renderer.upload(*noisyFrame(pool, 1, 96));
  const double single = stdDev(drawnRaw(renderer, target), 0, 90);
  for (unsigned i = 2; i <= 20; ++i) renderer.upload(*noisyFrame(pool, i, 96), filter);
  const double filtered = stdDev(drawnRaw(renderer, target), 0, 90);
  INFO("single frame " << single << ", filtered " << filtered);
  CHECK(single == Approx(kNoise).epsilon(0.15));
  CHECK(filtered < 0.5 * single);

  // The bright structure jumps 40 px left (a needle moving): followed within the frame.
  renderer.upload(*noisyFrame(pool, 21, 56), filter);
  const std::vector<double> moved = drawnRaw(renderer, target);
  double meanMoved = 0;
  for (int y = 0; y < kSize; ++y) {
    for (int x = 60; x < 90; ++x) meanMoved += moved[static_cast<size_t>(y * kSize + x)];
  }
  meanMoved /= kSize * 30;
  CHECK(meanMoved == Approx(3000).margin(60));

  // Strength 0: the frame as it is.
  renderer.upload(*noisyFrame(pool, 22, 96), {});
  CHECK(stdDev(drawnRaw(renderer, target), 0, 90) == Approx(kNoise).epsilon(0.15));
}
