#include <catch2/catch.hpp>
#include <cstring>

#include "core/FramePool.hpp"
#include "render/DisplaySettings.hpp"

using namespace fg;
using namespace fg::render;

TEST_CASE("auto window spans the bulk of the values", "[render][windowlevel]") {
  core::FramePool pool(1, 100 * 100 * 2);
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = 100;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  writer.setFormat(f);
  auto* px = reinterpret_cast<uint16_t*>(writer.bytes().data());
  for (int i = 0; i < 100 * 100; ++i) px[i] = static_cast<uint16_t>(1000 + (i % 100) * 10);  // 1000..1990
  auto frame = std::move(writer).publish();
  const WindowLevel wl = autoWindowLevel(*frame);
  CHECK(wl.center == Approx(1495).margin(15));
  CHECK(wl.width == Approx(980).margin(40));
  const WindowLevel full = fullRangeWindowLevel(f);
  CHECK(full.center == 2048);
  CHECK(full.width == 4096);
}

TEST_CASE("right-drag widens to the right and brightens upward", "[render][windowlevel]") {
  const WindowLevel start{1000, 500};
  const WindowLevel wider = dragWindowLevel(start, 50, 0, 2.0);
  CHECK(wider.width == 600);
  CHECK(wider.center == 1000);
  const WindowLevel up = dragWindowLevel(start, 0, -20, 2.0);
  CHECK(up.center == 1040);
  CHECK(dragWindowLevel(start, -10000, 0, 2.0).width == 1);  // never zero or negative
}
