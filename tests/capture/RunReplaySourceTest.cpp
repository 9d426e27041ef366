#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "capture/OpenSource.hpp"
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
