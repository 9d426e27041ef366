#include <catch2/catch.hpp>
#include <vector>

#include "capture/TestPatternSource.hpp"

using namespace fg;
using namespace fg::capture;

TEST_CASE("test pattern is 12-bit, says what it is, moves and ends", "[capture][pattern]") {
  TestPatternOptions options;
  options.width = 256;
  options.height = 256;
  options.frameCount = 3;
  auto source = makeTestPattern(options);
  const auto& info = source->info();
  CHECK_THAT(info.description, Catch::Contains("not a patient image"));
  CHECK(info.format.bitsStored == 12);
  CHECK(info.format.hasSpacing());
  CHECK(info.format.orientation.row.letters() == "L");
  std::vector<uint8_t> a(info.format.byteCount()), b(a.size());
  REQUIRE(source->read(a).status == ReadStatus::Frame);
  REQUIRE(source->read(b).status == ReadStatus::Frame);
  CHECK(a != b);
  for (size_t i = 0; i < a.size(); i += 2) {
    REQUIRE(reinterpret_cast<const uint16_t*>(a.data())[i / 2] <= 4095);
  }
  REQUIRE(source->read(b).status == ReadStatus::Frame);
  CHECK(source->read(b).status == ReadStatus::EndOfStream);
  REQUIRE(source->rewind().isOk());
  std::vector<uint8_t> again(a.size());
  REQUIRE(source->read(again).status == ReadStatus::Frame);
  CHECK(again == a);  // deterministic
}
