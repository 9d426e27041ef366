#include <catch2/catch.hpp>

#include "core/FrameFormat.hpp"

using namespace fg::core;

TEST_CASE("frame format sizes and validity", "[core][format]") {
  FrameFormat f;
  CHECK_FALSE(f.valid());
  f.width = 1024;
  f.height = 512;
  f.pixelFormat = PixelFormat::Gray16;
  f.bitsStored = 12;
  CHECK(f.valid());
  CHECK(f.bytesPerRow() == 2048);
  CHECK(f.byteCount() == 2048u * 512u);
  CHECK(f.maxValue() == 4095);
  CHECK_FALSE(f.hasSpacing());
  f.mmPerPixelX = f.mmPerPixelY = 0.19;
  CHECK(f.hasSpacing());
  f.pixelFormat = PixelFormat::Gray8;
  CHECK_FALSE(f.valid());  // 12 bits do not fit in 8
}

TEST_CASE("patient directions flip", "[core][format]") {
  CHECK(PatientDirection("L").opposite().letters() == "R");
  CHECK(PatientDirection("HA").opposite().letters() == "FP");
  CHECK_FALSE(PatientDirection().known());
}
