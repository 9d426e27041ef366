#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "Fixtures.hpp"
#include "capture/ImageFolderSource.hpp"

using namespace fg;
using namespace fg::capture;

TEST_CASE("image folder plays 16-bit images in name order at the set rate", "[capture][folder]") {
  test::TempDir dir("folder");
  test::writePngSequence(dir.path(), 3, 20, 10);
  test::writeBytes(dir.path() / "notes.txt", "ignored");
  SourceOptions options;
  options.framesPerSecond = 7.5;
  auto opened = openImageFolder(dir.path(), options);
  REQUIRE(opened.isOk());
  auto& source = *opened.value();
  CHECK(source.info().format.pixelFormat == core::PixelFormat::Gray16);
  CHECK(source.info().framePeriodNs == Approx(133'333'333).epsilon(0.001));
  CHECK(source.info().frameCount == 3);
  std::vector<uint8_t> buffer(source.info().format.byteCount());
  for (int i = 0; i < 3; ++i) {
    REQUIRE(source.read(buffer).status == ReadStatus::Frame);
    CHECK(reinterpret_cast<const uint16_t*>(buffer.data())[55] == 1000 + i);
  }
  CHECK(source.read(buffer).status == ReadStatus::EndOfStream);
}

TEST_CASE("image folder errors name the folder or the file", "[capture][folder][errors]") {
  test::TempDir dir("folder-bad");
  auto missing = openImageFolder(dir.path() / "absent", {});
  REQUIRE_FALSE(missing.isOk());
  CHECK_THAT(missing.status().message(), Catch::Contains("absent") && Catch::Contains("does not exist"));

  auto empty = openImageFolder(dir.path(), {});
  REQUIRE_FALSE(empty.isOk());
  CHECK_THAT(empty.status().message(), Catch::Contains("holds no"));

  test::writePngSequence(dir.path(), 2, 20, 10);
  cv::imwrite((dir.path() / "002.png").string(), cv::Mat(5, 5, CV_16UC1, cv::Scalar(1)));
  test::writeBytes(dir.path() / "003.png", "not a png");
  auto opened = openImageFolder(dir.path(), {});
  REQUIRE(opened.isOk());
  std::vector<uint8_t> buffer(opened.value()->info().format.byteCount());
  REQUIRE(opened.value()->read(buffer).status == ReadStatus::Frame);
  REQUIRE(opened.value()->read(buffer).status == ReadStatus::Frame);
  REQUIRE(opened.value()->read(buffer).status == ReadStatus::Failed);
  CHECK_THAT(opened.value()->lastError(), Catch::Contains("002.png") && Catch::Contains("does not match"));
}

TEST_CASE("a corrupt first image fails the open", "[capture][folder][errors]") {
  test::TempDir dir("folder-corrupt");
  test::writeBytes(dir.path() / "000.png", "\x89PNG broken");
  auto opened = openImageFolder(dir.path(), {});
  REQUIRE_FALSE(opened.isOk());
  CHECK_THAT(opened.status().message(), Catch::Contains("000.png") && Catch::Contains("cannot be decoded"));
}
