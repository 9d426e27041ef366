#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

#include "Fixtures.hpp"
#include "capture/OpenSource.hpp"
#include "capture/PlaybackControl.hpp"
#include "capture/VideoFileSource.hpp"

using namespace fg;
using namespace fg::capture;

TEST_CASE("video file source decodes every frame as gray at the file's rate", "[capture][video]") {
  test::TempDir dir("video");
  const auto path = dir.path() / "run.mkv";
  REQUIRE(test::writeTestVideo(path, 5, 64, 48, 25.0));

  auto opened = openVideoFile(path, {});
  REQUIRE(opened.isOk());
  auto& source = *opened.value();
  const SourceInfo& info = source.info();
  CHECK(info.kind == SourceKind::VideoFile);
  CHECK(info.format.width == 64);
  CHECK(info.format.height == 48);
  CHECK(info.format.pixelFormat == core::PixelFormat::Gray8);
  CHECK(info.framePeriodNs == Approx(40'000'000).epsilon(0.01));
  CHECK(info.pacing == Pacing::FramePeriod);
  CHECK_FALSE(info.format.hasSpacing());

  std::vector<uint8_t> buffer(info.format.byteCount());
  for (int i = 0; i < 5; ++i) {
    auto r = source.read(buffer);
    REQUIRE(r.status == ReadStatus::Frame);
    CHECK(static_cast<int>(buffer[64 * 40 + 32]) == Approx(20 * i + 10).margin(1));
  }
  CHECK(source.read(buffer).status == ReadStatus::EndOfStream);
  REQUIRE(source.rewind().isOk());
  REQUIRE(source.read(buffer).status == ReadStatus::Frame);
  CHECK(static_cast<int>(buffer[64 * 40 + 32]) == Approx(10).margin(1));
}

TEST_CASE("video file source crops and carries a given spacing", "[capture][video]") {
  test::TempDir dir("video-crop");
  const auto path = dir.path() / "run.mkv";
  REQUIRE(test::writeTestVideo(path, 2, 64, 48, 25.0));
  SourceOptions options;
  options.crop = {8, 4, 32, 32};
  options.mmPerPixel = 0.3;
  auto opened = openVideoFile(path, options);
  REQUIRE(opened.isOk());
  CHECK(opened.value()->info().format.width == 32);
  CHECK(opened.value()->info().format.mmPerPixelX == 0.3);

  options.crop = {40, 0, 32, 32};  // sticks out on the right
  auto bad = openVideoFile(path, options);
  REQUIRE_FALSE(bad.isOk());
  CHECK_THAT(bad.status().message(), Catch::Contains("does not fit"));
}

TEST_CASE("missing and corrupt video files give clear errors", "[capture][video][errors]") {
  test::TempDir dir("video-bad");
  auto missing = openVideoFile(dir.path() / "nope.mp4", {});
  REQUIRE_FALSE(missing.isOk());
  CHECK(missing.status().code() == core::StatusCode::NotFound);
  CHECK_THAT(missing.status().message(),
             Catch::Contains("nope.mp4") && Catch::Contains("does not exist"));

  const auto garbage = dir.path() / "garbage.mp4";
  test::writeBytes(garbage, std::string(4096, '\x5a'));
  auto corrupt = openVideoFile(garbage, {});
  REQUIRE_FALSE(corrupt.isOk());
  CHECK(corrupt.status().code() == core::StatusCode::Corrupt);
  CHECK_THAT(corrupt.status().message(), Catch::Contains("garbage.mp4"));

  auto folder = openVideoFile(dir.path(), {});
  REQUIRE_FALSE(folder.isOk());
  CHECK_THAT(folder.status().message(), Catch::Contains("not a regular file"));
}

TEST_CASE("a truncated video fails while opening or ends early, never crashes",
          "[capture][video][errors]") {
  test::TempDir dir("video-trunc");
  const auto path = dir.path() / "run.mkv";
  REQUIRE(test::writeTestVideo(path, 30, 64, 48, 25.0));
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 3);
  auto opened = openVideoFile(path, {});
  if (!opened.isOk()) {
    CHECK_THAT(opened.status().message(), Catch::Contains("run.mkv"));
    return;
  }
  std::vector<uint8_t> buffer(opened.value()->info().format.byteCount());
  int frames = 0;
  ReadStatus last = ReadStatus::Frame;
  while ((last = opened.value()->read(buffer).status) == ReadStatus::Frame) ++frames;
  CHECK(frames < 30);
  CHECK((last == ReadStatus::EndOfStream || last == ReadStatus::Failed));
  if (last == ReadStatus::Failed)
    CHECK_THAT(opened.value()->lastError(), Catch::Contains("run.mkv"));
}

TEST_CASE("a video opened in the window replays: any frame, at once once decoded",
          "[capture][video][replay]") {
  test::TempDir dir("video-replay");
  const auto path = dir.path() / "run.mkv";
  REQUIRE(test::writeTestVideo(path, 12, 64, 48, 25.0));
  SourceOptions options;
  options.interactive = true;
  auto opened = openSource(path.string(), options);
  REQUIRE(opened.isOk());
  FrameSource& source = *opened.value();
  CHECK(source.info().kind == SourceKind::VideoFile);
  CHECK(source.info().frameCount == 12);
  const auto control = source.playback();
  REQUIRE(control != nullptr);
  control->setPlaying(false);
  std::vector<uint8_t> buffer(source.info().format.byteCount());
  auto grey = [&] { return static_cast<int>(buffer[64 * 40 + 32]); };
  // Out of order, as a scrub goes; each frame is the one asked for (its grey level says which).
  for (int i : {7, 2, 11, 0, 5}) {
    control->seek(static_cast<size_t>(i));
    REQUIRE(source.read(buffer).status == ReadStatus::Frame);
    CHECK(grey() == Approx(20 * i + 10).margin(1));
  }
  for (int i = 0; i < 300 && control->state().framesPrepared < 12; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(control->state().framesPrepared == 12);
  control->seek(9);
  REQUIRE(source.read(buffer).status == ReadStatus::Frame);
  CHECK(grey() == Approx(190).margin(1));
  // Straight through (headless) it is the plain video source, ending at its last frame.
  auto plain = openSource(path.string(), {});
  REQUIRE(plain.isOk());
  CHECK(plain.value()->playback() == nullptr);
}
