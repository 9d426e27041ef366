#include <catch2/catch.hpp>

#include "Fixtures.hpp"
#include "capture/OpenSource.hpp"

using namespace fg;
using namespace fg::capture;

TEST_CASE("source specs pick the right kind of source", "[capture][spec]") {
  auto pattern = openSource("", {});
  REQUIRE(pattern.isOk());
  CHECK(pattern.value()->info().kind == SourceKind::TestPattern);

  test::TempDir dir("spec");
  test::writePngSequence(dir.path() / "seq", 2, 8, 8);
  auto folder = openSource((dir.path() / "seq").string(), {});
  REQUIRE(folder.isOk());
  CHECK(folder.value()->info().kind == SourceKind::ImageFolder);

  auto grabber = openSource("v4l2:97", {});
  REQUIRE_FALSE(grabber.isOk());
  CHECK_THAT(grabber.status().message(), Catch::Contains("/dev/video97"));

  auto video = openSource((dir.path() / "missing.avi").string(), {});
  REQUIRE_FALSE(video.isOk());
  CHECK_THAT(video.status().message(), Catch::Contains("video file"));
}

TEST_CASE("options reach the test pattern", "[capture][spec]") {
  SourceOptions options;
  options.framesPerSecond = 30;
  options.frameCount = 12;
  options.pacing = Pacing::AsFastAsPossible;
  auto pattern = openSource(kTestPatternSpec, options);
  REQUIRE(pattern.isOk());
  CHECK(pattern.value()->info().framePeriodNs == 33'333'333);
  CHECK(pattern.value()->info().frameCount == 12);
  CHECK(pattern.value()->info().pacing == Pacing::AsFastAsPossible);
}
