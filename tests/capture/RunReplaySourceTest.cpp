#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "capture/OpenSource.hpp"
#include "capture/PlaybackControl.hpp"
#include "capture/RunReplaySource.hpp"
#include "record/CineRun.hpp"

using namespace fg;
using namespace fg::capture;
namespace fs = std::filesystem;

namespace {
core::FrameFormat format16() {
  core::FrameFormat f;
  f.width = 48;
  f.height = 32;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  return f;
}
std::vector<uint8_t> pixelsOf(uint64_t id) {
  std::vector<uint8_t> p(format16().byteCount());
  for (size_t i = 0; i < p.size(); ++i) p[i] = static_cast<uint8_t>((i * 7 + id * 13) & 0x0f);
  return p;
}
}  // namespace

TEST_CASE(
    "a recorded run replays as a source, frame by frame with its times, and again from the start",
    "[capture][replay]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-replay-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  {
    auto writer = record::CineWriter::create(dir / "run");
    REQUIRE(writer.isOk());
    for (uint64_t id = 1; id <= 20; ++id) {
      const auto p = pixelsOf(id);
      REQUIRE(writer.value()
                  ->write(id, static_cast<int64_t>(id) * 100'000'000, 0, format16(), p.data())
                  .isOk());
    }
  }
  // The case folder opens its run.
  auto opened = openSource(dir.string(), {});
  REQUIRE(opened.isOk());
  FrameSource& source = *opened.value();
  CHECK(source.info().kind == SourceKind::Replay);
  CHECK(source.info().format == format16());
  CHECK(source.info().frameCount == 20);
  CHECK(source.info().framePeriodNs == 100'000'000);
  std::vector<uint8_t> into(format16().byteCount());
  for (uint64_t id = 1; id <= 20; ++id) {
    const ReadResult r = source.read(into);
    REQUIRE(r.status == ReadStatus::Frame);
    CHECK(r.deviceNs == static_cast<int64_t>(id) * 100'000'000);
    CHECK(into == pixelsOf(id));
  }
  CHECK(source.read(into).status == ReadStatus::EndOfStream);
  REQUIRE(source.rewind().isOk());
  REQUIRE(source.read(into).status == ReadStatus::Frame);
  CHECK(into == pixelsOf(1));
  // A folder without a run stays an image folder; a damaged run says which line.
  {
    std::ofstream(dir / "run" / record::kIndexFileName, std::ios::app) << "{broken\n{\"id\": 3}\n";
  }
  CHECK_THAT(openSource((dir / "run").string(), {}).status().message(), Catch::Contains("line 21"));
  fs::remove_all(dir);
}

namespace {
// A case folder with two runs: ids 1-10 and 40-49, 100 ms apart.
fs::path writeCaseWithTwoRuns(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (const auto& [run, firstId] : {std::pair{"run-001", 1}, std::pair{"run-002", 40}}) {
    auto writer = record::CineWriter::create(dir / "runs" / run);
    REQUIRE(writer.isOk());
    for (uint64_t id = firstId; id < static_cast<uint64_t>(firstId) + 10; ++id) {
      const auto p = pixelsOf(id);
      REQUIRE(writer.value()
                  ->write(id, static_cast<int64_t>(id) * 100'000'000, 0, format16(), p.data())
                  .isOk());
    }
  }
  return dir;
}
}  // namespace

TEST_CASE("a case folder replays all its runs on one timeline", "[capture][replay]") {
  const fs::path dir = writeCaseWithTwoRuns("fg-replay-case");
  auto runs = openRecordedRuns(dir);
  REQUIRE(runs.isOk());
  const ReplayTimeline& timeline = runs.value()->timeline();
  REQUIRE(timeline.segments.size() == 2);
  CHECK(timeline.segments[0].name == "run-001");
  CHECK(timeline.segments[1].name == "run-002");
  CHECK(timeline.segments[1].firstIndex == 10);
  CHECK(timeline.segments[1].frameCount == 10);
  REQUIRE(timeline.frameIds.size() == 20);
  CHECK(timeline.frameIds[10] == 40);
  // Straight through: every frame of both runs, in order, then the end.
  auto opened = openSource(dir.string(), {});
  REQUIRE(opened.isOk());
  CHECK(opened.value()->info().frameCount == 20);
  CHECK(opened.value()->playback() == nullptr);
  std::vector<uint8_t> into(format16().byteCount());
  for (size_t i = 0; i < 20; ++i) {
    REQUIRE(opened.value()->read(into).status == ReadStatus::Frame);
    CHECK(into == pixelsOf(timeline.frameIds[i]));
  }
  CHECK(opened.value()->read(into).status == ReadStatus::EndOfStream);
  // A run that says its encoding joins one that does not (recorded before runs said it): the
  // timeline's encoding is then unknown, for the guidance to measure.
  {
    core::FrameFormat logged = format16();
    logged.intensity = core::PixelIntensity::Log;
    auto writer = record::CineWriter::create(dir / "runs" / "run-002b");
    REQUIRE(writer.isOk());
    const auto p = pixelsOf(60);
    REQUIRE(writer.value()->write(60, 6'000'000'000, 0, logged, p.data()).isOk());
  }
  {
    auto mixed = openRecordedRuns(dir);
    REQUIRE(mixed.isOk());
    CHECK(mixed.value()->timeline().segments.size() == 3);
    CHECK(mixed.value()->format().intensity == core::PixelIntensity::Unknown);
  }
  // A run of another size cannot join the timeline, and says which run.
  {
    core::FrameFormat other = format16();
    other.width = 64;
    auto writer = record::CineWriter::create(dir / "runs" / "run-003");
    REQUIRE(writer.isOk());
    const std::vector<uint8_t> p(other.byteCount());
    REQUIRE(writer.value()->write(90, 0, 0, other, p.data()).isOk());
  }
  CHECK_THAT(openSource(dir.string(), {}).status().message(), Catch::Contains("run-003"));
  fs::remove_all(dir);
}

TEST_CASE("an interactive replay plays, pauses, steps, seeks and loops at the user's word",
          "[capture][replay]") {
  using namespace std::chrono_literals;
  const fs::path dir = writeCaseWithTwoRuns("fg-replay-play");
  SourceOptions options;
  options.interactive = true;
  auto opened = openSource(dir.string(), options);
  REQUIRE(opened.isOk());
  FrameSource& source = *opened.value();
  CHECK(source.info().pacing == Pacing::SourceBlocks);
  const std::shared_ptr<PlaybackControl> control = source.playback();
  REQUIRE(control != nullptr);
  CHECK(control->timeline().segments.size() == 2);
  std::vector<uint8_t> into(format16().byteCount());
  // Playing: the first frame at once, the next one 100 ms later (the recorded cadence).
  ReadResult first = source.read(into);
  REQUIRE(first.status == ReadStatus::Frame);
  CHECK_FALSE(first.jumped);
  CHECK(into == pixelsOf(1));
  CHECK(control->state().position == 0);
  control->setSpeed(8.0);  // 12.5 ms a frame
  ReadStatus status = ReadStatus::NotReady;
  for (int i = 0; i < 20 && status != ReadStatus::Frame; ++i) status = source.read(into).status;
  REQUIRE(status == ReadStatus::Frame);
  CHECK(into == pixelsOf(2));
  // Paused: nothing new, the frame stays.
  control->setPlaying(false);
  CHECK(source.read(into).status == ReadStatus::NotReady);
  CHECK(control->state().position == 1);
  // Step back and forward, one frame at a time, at once; going back is a jump in the timeline.
  control->step(-1);
  const ReadResult back = source.read(into);
  REQUIRE(back.status == ReadStatus::Frame);
  CHECK(back.jumped);
  CHECK(into == pixelsOf(1));
  control->step(+3);
  REQUIRE(source.read(into).status == ReadStatus::Frame);
  CHECK(into == pixelsOf(4));
  CHECK(control->state().playing == false);
  // Seek into the second run: its frame at once (paused or playing).
  control->seek(12);
  const ReadResult sought = source.read(into);
  REQUIRE(sought.status == ReadStatus::Frame);
  CHECK(sought.jumped);
  CHECK(into == pixelsOf(42));
  CHECK(control->state().position == 12);
  CHECK(control->secondsAt(12) > control->secondsAt(9));
  // Without loop the last frame is held; with loop it goes round to the first.
  control->setLoop(false);
  control->seek(19);
  REQUIRE(source.read(into).status == ReadStatus::Frame);
  control->setPlaying(true);
  // Playing from the end starts again from the first frame.
  REQUIRE(source.read(into).status == ReadStatus::Frame);
  CHECK(into == pixelsOf(1));
  control->seek(19);
  REQUIRE(source.read(into).status == ReadStatus::Frame);
  for (int i = 0; i < 5; ++i) CHECK(source.read(into).status == ReadStatus::NotReady);
  CHECK(control->state().playing == false);
  CHECK(control->state().position == 19);
  control->setLoop(true);
  control->setPlaying(true);
  status = ReadStatus::NotReady;
  for (int i = 0; i < 40 && status != ReadStatus::Frame; ++i) status = source.read(into).status;
  REQUIRE(status == ReadStatus::Frame);
  CHECK(into == pixelsOf(1));
  CHECK(control->state().position == 0);
  fs::remove_all(dir);
}
