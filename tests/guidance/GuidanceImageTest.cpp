#include <catch2/catch.hpp>
#include <cstring>

#include "Synthetic.hpp"
#include "core/FramePool.hpp"
#include "guidance/GuidanceImage.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
core::FrameRef frame(core::FramePool& pool, core::PixelFormat format, int fill, int w = 64) {
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = w;
  f.pixelFormat = format;
  f.bitsStored = format == core::PixelFormat::Gray16 ? 12 : 8;
  writer.setFormat(f);
  if (format == core::PixelFormat::Gray16) {
    auto* p = reinterpret_cast<uint16_t*>(writer.bytes().data());
    for (int i = 0; i < w * w; ++i) p[i] = static_cast<uint16_t>(fill + (fill > 0 ? i % 7 : 0));
  } else {
    std::memset(writer.bytes().data(), fill, writer.bytes().size());
    if (fill > 0) writer.bytes()[5] = static_cast<uint8_t>(fill - 1);
  }
  return std::move(writer).publish();
}
}  // namespace

TEST_CASE("frames become float images in raw units", "[guidance][image]") {
  core::FramePool pool(4, 64 * 64 * 2);
  auto f = frame(pool, core::PixelFormat::Gray16, 1000);
  auto image = toFloat(*f);
  REQUIRE(image.isOk());
  CHECK(image.value().type() == CV_32FC1);
  CHECK(image.value().at<float>(0, 3) == 1003.0f);
  // 2x2 binning averages the integers exactly (pixel i holds 1000 + i % 7; row length 64).
  for (auto format : {core::PixelFormat::Gray16, core::PixelFormat::Gray8}) {
    const auto source = frame(pool, format, format == core::PixelFormat::Gray16 ? 1000 : 100);
    const auto binned = toFloat(*source, 2);
    REQUIRE(binned.isOk());
    CHECK(binned.value().size() == cv::Size(32, 32));
    double expected = 0;
    const auto* bytes = source->bytes().data();
    for (int y = 2; y < 4; ++y) {
      for (int x = 6; x < 8; ++x) {
        expected += format == core::PixelFormat::Gray16 ? reinterpret_cast<const uint16_t*>(bytes)[y * 64 + x]
                                                        : bytes[y * 64 + x];
      }
    }
    CHECK(binned.value().at<float>(1, 3) == Approx(expected / 4));
  }
}

TEST_CASE("3x3 and 4x4 binning average whole blocks exactly and leave the remainder out", "[guidance][image]") {
  core::FramePool pool(4, 64 * 64 * 2);
  for (auto format : {core::PixelFormat::Gray16, core::PixelFormat::Gray8}) {
    const auto source = frame(pool, format, format == core::PixelFormat::Gray16 ? 1000 : 100);
    const auto* bytes = source->bytes().data();
    const auto pixel = [&](int x, int y) -> double {
      return format == core::PixelFormat::Gray16 ? reinterpret_cast<const uint16_t*>(bytes)[y * 64 + x] : bytes[y * 64 + x];
    };
    for (const int n : {3, 4}) {
      const auto binned = toFloat(*source, n);
      REQUIRE(binned.isOk());
      CHECK(binned.value().size() == cv::Size(64 / n, 64 / n));  // 21 x 21 at 3: the last column and row left out
      for (const cv::Point cell : {cv::Point(0, 0), cv::Point(5, 2), cv::Point(64 / n - 1, 64 / n - 1)}) {
        double sum = 0;
        for (int y = cell.y * n; y < cell.y * n + n; ++y) {
          for (int x = cell.x * n; x < cell.x * n + n; ++x) sum += pixel(x, y);
        }
        CHECK(binned.value().at<float>(cell.y, cell.x) == Approx(sum / (n * n)));
      }
    }
  }
  CHECK_FALSE(toFloat(*frame(pool, core::PixelFormat::Gray16, 1000), 0).isOk());
  CHECK_FALSE(toFloat(*frame(pool, core::PixelFormat::Gray16, 1000), 65).isOk());
}

TEST_CASE("blank and saturated frames are refused with a clear status", "[guidance][image][errors]") {
  core::FramePool pool(4, 64 * 64 * 2);
  auto blank = toFloat(*frame(pool, core::PixelFormat::Gray16, 0));
  REQUIRE_FALSE(blank.isOk());
  CHECK_THAT(blank.status().message(), Catch::Contains("blank"));
  auto white = frame(pool, core::PixelFormat::Gray8, 0);
  std::memset(const_cast<uint8_t*>(white->bytes().data()), 255, white->bytes().size());
  CHECK_FALSE(toFloat(*white).isOk());
  CHECK_FALSE(toFloat(*white, 3).isOk());
  // One pixel that differs is an image (its binned values may all but agree).
  const_cast<uint8_t*>(white->bytes().data())[64 * 64 - 1] = 254;
  CHECK(toFloat(*white).isOk());
}

TEST_CASE("8-bit against 16-bit and mismatched sizes are not comparable", "[guidance][image][errors]") {
  core::FramePool pool(4, 128 * 128 * 2);
  const auto a = frame(pool, core::PixelFormat::Gray16, 1000);
  const auto b = frame(pool, core::PixelFormat::Gray8, 100);
  const auto c = frame(pool, core::PixelFormat::Gray16, 1000, 128);
  CHECK(checkComparable(a->format(), a->format()).isOk());
  CHECK_THAT(checkComparable(a->format(), b->format()).message(), Catch::Contains("pixel format"));
  CHECK_THAT(checkComparable(a->format(), c->format()).message(), Catch::Contains("size"));
}

TEST_CASE("noise sigma is estimated from the image itself", "[guidance][image]") {
  // Flat regions give the noise alone; sharp edges bias the estimate a little upward (toward
  // conservative thresholds).
  const cv::Mat flat = test::withNoise(cv::Mat(512, 512, CV_32FC1, cv::Scalar(1500)), 7.0, 3);
  CHECK(estimateNoiseSigma(flat) == Approx(7.0).epsilon(0.05));
  const cv::Mat noisy = test::withNoise(test::anatomy(512), 7.0, 3);
  CHECK(estimateNoiseSigma(noisy) == Approx(7.0).epsilon(0.25));
  CHECK(estimateNoiseSigma(test::anatomy(512)) < 3.0);  // anatomy alone is not noise
}

TEST_CASE("the noise is measured inside the collimated field, not on the blades", "[guidance][noise]") {
  // Through a logarithm the blades' near-black is the noisiest part of a linear frame.
  cv::Mat image(256, 256, CV_32FC1), field = cv::Mat::zeros(256, 256, CV_8UC1);
  cv::RNG rng(4);
  rng.fill(image, cv::RNG::NORMAL, 2000, 5);
  cv::Mat blades(256, 256, CV_32FC1);
  rng.fill(blades, cv::RNG::NORMAL, 300, 400);
  field(cv::Rect(96, 0, 64, 256)).setTo(255);
  blades.copyTo(image, field == 0);
  CHECK(estimateNoiseSigma(image, field) == Approx(5).epsilon(0.1));
  CHECK(estimateNoiseSigma(image) > 50);  // the whole image: the blades set it
}
