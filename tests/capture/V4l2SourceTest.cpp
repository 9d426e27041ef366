#include <catch2/catch.hpp>

#include "Fixtures.hpp"
#include "capture/V4l2Source.hpp"

using namespace fg;
using namespace fg::capture;

TEST_CASE("an unplugged grabber is reported as such", "[capture][v4l2][errors]") {
  auto opened = openV4l2("/dev/video-fluoroguide-absent", {});
  REQUIRE_FALSE(opened.isOk());
  CHECK(opened.status().code() == core::StatusCode::NotFound);
  CHECK_THAT(opened.status().message(), Catch::Contains("plugged in"));
}

TEST_CASE("a path that is not a video device is refused", "[capture][v4l2][errors]") {
  test::TempDir dir("v4l2");
  test::writeBytes(dir.path() / "video0", "x");
  auto opened = openV4l2((dir.path() / "video0").string(), {});
  REQUIRE_FALSE(opened.isOk());
  CHECK_THAT(opened.status().message(), Catch::Contains("not a video device"));
}

TEST_CASE("a character device that is no grabber cannot be opened", "[capture][v4l2][errors]") {
  auto opened = openV4l2("/dev/null", {});
  REQUIRE_FALSE(opened.isOk());
  CHECK_THAT(opened.status().message(), Catch::Contains("/dev/null"));
}
