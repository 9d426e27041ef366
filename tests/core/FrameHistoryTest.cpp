#include <catch2/catch.hpp>

#include "core/FrameHistory.hpp"
#include "core/FramePool.hpp"

using namespace fg::core;

namespace {
FrameRef makeFrame(FramePool& pool, uint64_t id) {
  auto writer = pool.acquire();
  FrameFormat f;
  f.width = f.height = 2;
  f.pixelFormat = PixelFormat::Gray8;
  f.bitsStored = 8;
  writer.setFormat(f);
  writer.stamp(id, kNoTimeNs, static_cast<int64_t>(id) * 10);
  return std::move(writer).publish();
}
}  // namespace

TEST_CASE("history finds frames by id and explains misses", "[core][history]") {
  FramePool pool(16, 4);
  FrameHistory history(4);
  CHECK(history.find(1).status == HistoryLookup::NotYetCaptured);
  for (uint64_t id : {1, 2, 4, 5, 6}) history.push(makeFrame(pool, id));  // 3 was dropped
  CHECK(history.size() == 4);
  CHECK(history.evicted() == 1);
  CHECK(history.newestId() == 6);
  CHECK(history.find(1).status == HistoryLookup::Evicted);
  auto found = history.find(5);
  REQUIRE(found.status == HistoryLookup::Found);
  CHECK(found.frame->id() == 5);
  CHECK(history.find(2).status == HistoryLookup::Found);
  CHECK(history.find(3).status == HistoryLookup::Dropped);
  CHECK(history.find(7).status == HistoryLookup::NotYetCaptured);
}

TEST_CASE("evicted frames go back to the pool", "[core][history]") {
  FramePool pool(3, 4);
  FrameHistory history(2);
  for (uint64_t id = 1; id <= 10; ++id) {
    auto frame = makeFrame(pool, id);
    REQUIRE(frame);  // never runs dry: history holds 2, the third is being pushed
    history.push(std::move(frame));
  }
  CHECK(pool.available() == 1);
  CHECK(history.evicted() == 8);
}
