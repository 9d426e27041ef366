#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "core/LatestSlot.hpp"

using namespace fg::core;
using namespace std::chrono_literals;

TEST_CASE("newest value wins and unread values are counted as overwritten", "[core][slot]") {
  LatestSlot<int> slot;
  CHECK_FALSE(slot.takeNewerThan(0));
  slot.publish(1);
  slot.publish(2);
  slot.publish(3);
  auto item = slot.takeNewerThan(0);
  REQUIRE(item);
  CHECK(item->value == 3);
  CHECK(item->sequence == 3);
  CHECK(slot.overwritten() == 2);
  CHECK_FALSE(slot.takeNewerThan(item->sequence));
  slot.publish(4);
  CHECK(slot.takeNewerThan(item->sequence)->value == 4);
  CHECK(slot.overwritten() == 2);  // 4 was taken before anything replaced it
}

TEST_CASE("a reader can take the same value again (last-image-hold)", "[core][slot]") {
  LatestSlot<int> slot;
  slot.publish(5);
  CHECK(slot.takeNewerThan(0)->value == 5);
  CHECK(slot.takeNewerThan(0)->value == 5);
}

TEST_CASE("waitNewerThan times out and wakes on publish", "[core][slot]") {
  LatestSlot<int> slot;
  CHECK_FALSE(slot.waitNewerThan(0, 1ms));
  std::jthread producer([&] {
    std::this_thread::sleep_for(5ms);
    slot.publish(9);
  });
  auto item = slot.waitNewerThan(0, 5s);
  REQUIRE(item);
  CHECK(item->value == 9);
}
