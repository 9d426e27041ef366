#include <catch2/catch.hpp>

#include "guidance/LevelLabels.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("the level sequence runs T11 to S1 with the lumbar count", "[guidance][levels]") {
  CHECK(levelSequence(5) ==
        std::vector<std::string>{"T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1"});
  CHECK(levelSequence(6).size() == 9);
  CHECK(levelSequence(6)[7] == "L6");
  CHECK(levelIndex("L6", 5) == -1);
  CHECK(levelIndex("S1", 4) == 6);
}

TEST_CASE("counting from the sacrum and from the twelfth rib with five lumbar vertebrae",
          "[guidance][levels]") {
  // Seven vertebrae marked head to foot; the last is S1 (counted from the sacrum).
  auto fromSacrum = labelsByCounting(7, 6, "S1", 5);
  REQUIRE(fromSacrum.isOk());
  CHECK(fromSacrum.value() == std::vector<std::string>{"T12", "L1", "L2", "L3", "L4", "L5", "S1"});
  // The first bears the twelfth rib: the same labels.
  auto fromRib = labelsByCounting(7, 0, "T12", 5);
  REQUIRE(fromRib.isOk());
  CHECK(fromRib.value() == fromSacrum.value());
  CHECK(checkCountings(0, 6, 5).isOk());
}

TEST_CASE("counting with six lumbar vertebrae", "[guidance][levels]") {
  // T12, six lumbar-type vertebrae, S1: eight marked.
  SECTION("with the count set to six, both countings agree and L6 is named") {
    auto fromSacrum = labelsByCounting(8, 7, "S1", 6);
    auto fromRib = labelsByCounting(8, 0, "T12", 6);
    REQUIRE(fromSacrum.isOk());
    REQUIRE(fromRib.isOk());
    CHECK(fromSacrum.value() == fromRib.value());
    CHECK(fromSacrum.value()[6] == "L6");
    CHECK(checkCountings(0, 7, 6).isOk());
  }
  SECTION("with the usual count, the two countings disagree by one level and say so") {
    auto fromSacrum = labelsByCounting(8, 7, "S1", 5);
    auto fromRib = labelsByCounting(8, 0, "T12", 5);
    REQUIRE(fromSacrum.isOk());
    // From the rib, the eighth vertebra would be past S1: an error that names it.
    REQUIRE_FALSE(fromRib.isOk());
    CHECK_THAT(fromRib.status().message(), Catch::Contains("passes S1"));
    // From the sacrum the rib-bearing vertebra is called T11: one level off.
    CHECK(fromSacrum.value()[0] == "T11");
    const core::Status check = checkCountings(0, 7, 5);
    REQUIRE_FALSE(check.isOk());
    CHECK_THAT(check.message(), Catch::Contains("6 vertebrae lie between"));
    CHECK_THAT(check.message(), Catch::Contains("transitional"));
  }
}

TEST_CASE("impossible labels are refused with the problem named", "[guidance][levels]") {
  CHECK_THAT(labelsByCounting(3, 0, "C7", 5).status().message(), Catch::Contains("'C7'"));
  CHECK_THAT(labelsByCounting(3, 2, "T12", 5).status().message(), Catch::Contains("passes T11"));
  CHECK_FALSE(labelsByCounting(3, 3, "L4", 5).isOk());
  CHECK_THAT(labelsByCounting(3, 0, "L4", 7).status().message(), Catch::Contains("lumbar count 7"));
  CHECK_FALSE(checkCountings(4, 2, 5).isOk());
}

TEST_CASE("interspaces and the head-to-foot order", "[guidance][levels]") {
  CHECK(interspaceName("L4", "L5") == "L4-5");
  CHECK(interspaceName("L5", "S1") == "L5-S1");
  CHECK(interspaceName("T12", "L1") == "T12-L1");
  const std::vector<cv::Point2d> centres = {{100, 500}, {100, 100}, {100, 300}};
  // Head up (unknown orientation): smallest y first.
  CHECK(headToFoot(centres, {}) == std::vector<size_t>{1, 2, 0});
  // Head down the image (column direction "F" means +y points to the feet; "H" to the head).
  CHECK(headToFoot(centres, {core::PatientDirection("L"), core::PatientDirection("H")}) ==
        std::vector<size_t>{0, 2, 1});
  CHECK(levelCountingFromName("rib") == LevelCounting::FromTwelfthRib);
  CHECK(levelCountingFromName("ribs") == LevelCounting::Invalid);
}
