#include <catch2/catch.hpp>
#include <cstring>

#include "core/FramePool.hpp"

using namespace fg::core;

namespace {
FrameFormat gray16(int w, int h) {
  FrameFormat f;
  f.width = w;
  f.height = h;
  f.pixelFormat = PixelFormat::Gray16;
  f.bitsStored = 12;
  return f;
}
}  // namespace

TEST_CASE("pool hands out each frame once and runs dry", "[core][pool]") {
  FramePool pool(3, 64 * 64 * 2);
  auto a = pool.acquire(), b = pool.acquire(), c = pool.acquire();
  REQUIRE(a);
  REQUIRE(b);
  REQUIRE(c);
  CHECK(pool.available() == 0);
  CHECK_FALSE(pool.acquire());
  a = FrameWriter();  // giving a writer back unpublished returns its frame
  CHECK(pool.available() == 1);
  CHECK(pool.acquire());
}

TEST_CASE("published frame returns to the pool with its last reference", "[core][pool]") {
  FramePool pool(1, 16 * 16 * 2);
  FrameRef kept;
  {
    auto writer = pool.acquire();
    REQUIRE(writer.setFormat(gray16(16, 16)));
    std::memset(writer.bytes().data(), 7, writer.bytes().size());
    writer.stamp(42, kNoTimeNs, 1000);
    FrameRef first = std::move(writer).publish();
    CHECK_FALSE(writer);
    kept = first;
    FrameRef moved = std::move(first);
    CHECK_FALSE(first);
    CHECK(pool.available() == 0);
  }
  REQUIRE(kept);
  CHECK(kept->id() == 42);
  CHECK(kept->arrivalNs() == 1000);
  CHECK(kept->deviceNs() == kNoTimeNs);
  CHECK(kept->bytes().size() == 16 * 16 * 2);
  CHECK(kept->valueAt(3, 3) == 0x0707);
  CHECK(pool.available() == 0);
  kept.reset();
  CHECK(pool.available() == 1);
}

TEST_CASE("setFormat refuses shapes larger than the pool's frames", "[core][pool]") {
  FramePool pool(1, 100);
  auto writer = pool.acquire();
  CHECK_FALSE(writer.setFormat(gray16(10, 10)));  // 200 bytes
  FrameFormat small = gray16(5, 5);
  CHECK(writer.setFormat(small));
  FrameFormat bad = small;
  bad.bitsStored = 17;
  CHECK_FALSE(writer.setFormat(bad));
}

TEST_CASE("frames outlive their pool", "[core][pool]") {
  FrameRef survivor;
  {
    FramePool pool(2, 8);
    auto writer = pool.acquire();
    FrameFormat f = gray16(2, 2);
    REQUIRE(writer.setFormat(f));
    writer.bytes()[0] = 9;
    survivor = std::move(writer).publish();
  }
  REQUIRE(survivor);
  CHECK(survivor->bytes()[0] == 9);  // ASan would flag a use after free here
}
