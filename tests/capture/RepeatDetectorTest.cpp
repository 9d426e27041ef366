#include <catch2/catch.hpp>
#include <random>
#include <vector>

#include "capture/RepeatDetector.hpp"

using namespace fg;
using namespace fg::capture;

namespace {
core::FrameFormat gray8(int w, int h) {
  core::FrameFormat f;
  f.width = w;
  f.height = h;
  f.pixelFormat = core::PixelFormat::Gray8;
  f.bitsStored = 8;
  return f;
}
std::vector<uint8_t> noisy(size_t n, double sigma, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> noise(128.0, sigma);
  std::vector<uint8_t> out(n);
  for (auto& v : out) v = static_cast<uint8_t>(std::clamp(noise(rng), 0.0, 255.0));
  return out;
}
}  // namespace

TEST_CASE("a repeated video frame is a repeat but a new pulse is not", "[capture][repeat]") {
  const auto f = gray8(256, 256);
  RepeatDetector detector;
  const auto pulse1 = noisy(f.byteCount(), 4.0, 1);
  auto repeat = pulse1;
  repeat[1000] ^= 0x10;  // a burned-in timer digit changing
  const auto pulse2 = noisy(f.byteCount(), 4.0, 2);
  CHECK(detector.isRepeat(f, pulse1, pulse1));
  CHECK(detector.isRepeat(f, pulse1, repeat));
  CHECK_FALSE(detector.isRepeat(f, pulse1, pulse2));
}

TEST_CASE("mean absolute difference is in 8-bit grey levels for 16-bit frames", "[capture][repeat]") {
  core::FrameFormat f = gray8(4, 4);
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  std::vector<uint16_t> a(16, 1000), b(16, 1000 + 4095 / 255 * 2);
  auto bytes = [](std::vector<uint16_t>& v) {
    return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(v.data()), v.size() * 2);
  };
  CHECK(meanAbsDifferenceGrey(f, bytes(a), bytes(b), 1) == Approx(2.0).epsilon(0.01));
}
