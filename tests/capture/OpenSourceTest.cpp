#include <catch2/catch.hpp>
#include <vector>

#include "Fixtures.hpp"
#include "capture/OpenSource.hpp"
#include "capture/RepeatDetector.hpp"

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

TEST_CASE("a scenario file opens the simulated patient, stamped with scenario time", "[capture][spec][sim]") {
  test::TempDir dir("scenario");
  test::writeBytes(dir.path() / "case.json", R"({"name": "tiny", "durationS": 2, "pulsesPerSecond": 15})");
  auto opened = openSource((dir.path() / "case.json").string(), {});
  REQUIRE(opened.isOk());
  auto& source = *opened.value();
  CHECK(source.info().kind == SourceKind::Simulation);
  CHECK(source.info().frameCount == 30);
  CHECK(source.info().format.bitsStored == 12);
  std::vector<uint8_t> frame(source.info().format.byteCount());
  REQUIRE(source.read(frame).status == ReadStatus::Frame);
  const auto second = source.read(frame);
  CHECK(second.deviceNs == 66'666'667);

  test::writeBytes(dir.path() / "bad.json", R"({"name": "tiny", "pulsesPerSecond": "fast"})");
  auto bad = openSource((dir.path() / "bad.json").string(), {});
  REQUIRE_FALSE(bad.isOk());
  CHECK_THAT(bad.status().message(), Catch::Contains("pulsesPerSecond"));
}

TEST_CASE("a simulated video feed repeats each pulse until the next, with the timer running",
          "[capture][spec][sim]") {
  test::TempDir dir("feed");
  test::writeBytes(dir.path() / "feed.json",
                   R"({"name": "feed", "durationS": 1, "pulsesPerSecond": 15, "output": "video", "videoRefreshHz": 30})");
  auto opened = openSource((dir.path() / "feed.json").string(), {});
  REQUIRE(opened.isOk());
  auto& source = *opened.value();
  CHECK(source.info().deliversRepeats);
  CHECK(source.info().frameCount == 30);
  CHECK(source.info().framePeriodNs == 33'333'333);
  std::vector<uint8_t> a(source.info().format.byteCount()), b(a.size()), c(a.size());
  const auto ra = source.read(a), rb = source.read(b), rc = source.read(c);
  CHECK(ra.deviceNs == rb.deviceNs);  // same pulse
  CHECK(rc.deviceNs == 66'666'667);   // the next pulse
  RepeatDetector detector;
  CHECK(detector.isRepeat(source.info().format, a, b));
  CHECK_FALSE(detector.isRepeat(source.info().format, b, c));
}
