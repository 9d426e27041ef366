#include <catch2/catch.hpp>
#include <vector>

#include "capture/GrayCopy.hpp"

using namespace fg;
using namespace fg::capture;

TEST_CASE("colour pictures become gray, cropped", "[capture][gray]") {
  cv::Mat picture(10, 20, CV_8UC3, cv::Scalar(0, 0, 0));
  picture(cv::Rect(5, 2, 4, 4)).setTo(cv::Scalar(200, 200, 200));
  CropRect crop{5, 2, 4, 4};
  auto format = grayFormatFor(picture, crop);
  REQUIRE(format.isOk());
  CHECK(format.value().width == 4);
  CHECK(format.value().pixelFormat == core::PixelFormat::Gray8);
  std::vector<uint8_t> out(format.value().byteCount());
  REQUIRE(copyAsGray(picture, crop, format.value(), out).isOk());
  for (uint8_t v : out) CHECK(v == 200);
}

TEST_CASE("16-bit gray stays 16-bit; a changed picture is refused", "[capture][gray]") {
  cv::Mat picture(4, 4, CV_16UC1, cv::Scalar(3000));
  auto format = grayFormatFor(picture, {});
  REQUIRE(format.isOk());
  CHECK(format.value().pixelFormat == core::PixelFormat::Gray16);
  std::vector<uint8_t> out(format.value().byteCount());
  REQUIRE(copyAsGray(picture, {}, format.value(), out).isOk());
  CHECK(reinterpret_cast<uint16_t*>(out.data())[5] == 3000);
  cv::Mat bigger(8, 8, CV_16UC1);
  CHECK_FALSE(copyAsGray(bigger, {}, format.value(), out).isOk());
  CHECK_FALSE(grayFormatFor(cv::Mat(4, 4, CV_32FC1), {}).isOk());
}
