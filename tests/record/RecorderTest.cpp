#include <dcmtk/dcmdata/dctk.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "core/FrameHistory.hpp"
#include "core/FramePool.hpp"
#include "record/DicomExport.hpp"
#include "record/Mp4Export.hpp"
#include "record/Recorder.hpp"

using namespace fg;
using namespace fg::record;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {
constexpr int kSize = 64;
core::FrameFormat format16() {
  core::FrameFormat f;
  f.width = f.height = kSize;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 16;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  return f;
}
// Frame `id`: every 16-bit value drawn from a generator seeded by the id (bit-exact checks).
core::FrameRef makeFrame(core::FramePool& pool, uint64_t id) {
  auto w = pool.acquire();
  w.setFormat(format16());
  std::mt19937 rng(static_cast<unsigned>(id));
  auto bytes = w.bytes();
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    const uint16_t v = static_cast<uint16_t>(rng());
    std::memcpy(bytes.data() + i, &v, 2);
  }
  w.stamp(id, static_cast<int64_t>(id) * 66'000'000, static_cast<int64_t>(id) * 66'000'000 + 1000);
  return std::move(w).publish();
}
bool sameAsMade(const CineRun& run, size_t index, core::FramePool& pool) {
  std::vector<uint8_t> got(run.frames()[index].format.byteCount());
  if (!run.readPixels(index, got.data())) return false;
  const core::FrameRef expected = makeFrame(pool, run.frames()[index].id);
  return std::memcmp(got.data(), expected->bytes().data(), got.size()) == 0;
}
// Runs `command` (its output into `dir`/`name`.txt); returns its exit status and output.
std::pair<int, std::string> runTool(const std::string& command, const fs::path& dir,
                                    const std::string& name) {
  const std::string out = (dir / (name + ".txt")).string();
  const int rc = std::system((command + " > " + out + " 2>&1").c_str());
  std::ifstream file(out);
  std::stringstream text;
  text << file.rdbuf();
  return {rc, text.str()};
}
fs::path freshDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("fg-record-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}
}  // namespace

TEST_CASE("a recorded run reads back bit-exact, with its times and format", "[record]") {
  const fs::path dir = freshDir("roundtrip");
  // The history is the recorder's slack behind capture (the pool must hold more to go on
  // capturing); generous here so a busy test machine cannot outrun the fetch thread.
  core::FramePool pool(72, format16().byteCount());
  core::FrameHistory history(64);
  Recorder recorder(history);
  REQUIRE(recorder.start(dir / "run-1", 1).isOk());
  for (uint64_t id = 1; id <= 50; ++id) {
    history.push(makeFrame(pool, id));
    std::this_thread::sleep_for(1ms);
  }
  const RecorderStats stats = recorder.stop();
  CHECK(stats.error.empty());
  CHECK(stats.framesRecorded == 50);
  CHECK(stats.gaps == 0);
  auto run = CineRun::open(dir / "run-1");
  REQUIRE(run.isOk());
  REQUIRE(run.value()->frames().size() == 50);
  for (size_t i = 0; i < 50; ++i) {
    CHECK(run.value()->frames()[i].id == i + 1);
    CHECK(run.value()->frames()[i].deviceNs == static_cast<int64_t>(i + 1) * 66'000'000);
    CHECK(sameAsMade(*run.value(), i, pool));
  }
  CHECK(run.value()->frames()[0].format == format16());
  CHECK(run.value()->recovered().empty());
  // A second run in the same folder is refused: a recording is never overwritten.
  Recorder again(history);
  CHECK_THAT(again.start(dir / "run-1", 1).message(),
             Catch::Contains("already holds a recorded run"));
  fs::remove_all(dir);
}

TEST_CASE("a slow disk loses no frame: the backlog waits in memory", "[record]") {
  const fs::path dir = freshDir("slow");
  core::FramePool pool(72, format16().byteCount());
  core::FrameHistory history(64);  // the disk's backlog grows past it, in the recorder's memory
  RecorderSettings settings;
  settings.writeDelay = 8ms;  // the disk takes 8 ms a frame, frames come every 1 ms
  Recorder recorder(history, settings);
  REQUIRE(recorder.start(dir / "run", 1).isOk());
  uint64_t mostBehind = 0;
  for (uint64_t id = 1; id <= 60; ++id) {
    history.push(makeFrame(pool, id));
    std::this_thread::sleep_for(1ms);
    mostBehind = std::max(mostBehind, recorder.stats().backlogFrames);
  }
  const RecorderStats stats = recorder.stop();
  CHECK(mostBehind > 10);  // the backlog is reported while it lasts
  CHECK(stats.error.empty());
  CHECK(stats.gaps == 0);
  CHECK(stats.framesRecorded == 60);
  auto run = CineRun::open(dir / "run");
  REQUIRE(run.isOk());
  CHECK(run.value()->frames().size() == 60);
  fs::remove_all(dir);
}

TEST_CASE("past the memory ceiling recording stops with a clear error and a complete run",
          "[record][errors]") {
  const fs::path dir = freshDir("ceiling");
  core::FramePool pool(72, format16().byteCount());
  core::FrameHistory history(64);
  RecorderSettings settings;
  settings.writeDelay = 30ms;
  settings.memoryCeilingBytes = 3 * format16().byteCount();
  Recorder recorder(history, settings);
  REQUIRE(recorder.start(dir / "run", 1).isOk());
  for (uint64_t id = 1; id <= 40; ++id) {
    history.push(makeFrame(pool, id));
    std::this_thread::sleep_for(2ms);
  }
  const RecorderStats stats = recorder.stop();
  CHECK_THAT(stats.error, Catch::Contains("memory ceiling"));
  auto run = CineRun::open(dir / "run");
  REQUIRE(run.isOk());
  const auto& frames = run.value()->frames();
  REQUIRE_FALSE(frames.empty());
  for (size_t i = 0; i < frames.size(); ++i)
    CHECK(frames[i].id == i + 1);  // no hole in what was kept
  fs::remove_all(dir);
}

TEST_CASE("frames the history no longer holds are written as gaps, not skipped", "[record]") {
  const fs::path dir = freshDir("gaps");
  core::FramePool pool(16, format16().byteCount());
  core::FrameHistory history(8);
  for (uint64_t id = 1; id <= 20; ++id) history.push(makeFrame(pool, id));
  Recorder recorder(history);
  REQUIRE(recorder.start(dir / "run", 1).isOk());  // frames 1..12 are gone already
  std::this_thread::sleep_for(20ms);
  const RecorderStats stats = recorder.stop();
  CHECK(stats.gaps == 12);
  CHECK(stats.framesRecorded == 8);
  auto run = CineRun::open(dir / "run");
  REQUIRE(run.isOk());
  CHECK(run.value()->gaps().size() == 12);
  CHECK_THAT(run.value()->gaps()[0].reason, Catch::Contains("evicted"));
  CHECK(run.value()->frames().front().id == 13);
  fs::remove_all(dir);
}

TEST_CASE("a recording killed with SIGKILL reads back up to the last frame written", "[record]") {
  const fs::path dir = freshDir("kill");
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    core::FramePool pool(72, format16().byteCount());
    core::FrameHistory history(64);
    Recorder recorder(history);
    if (!recorder.start(dir / "run", 1)) ::_exit(3);
    for (uint64_t id = 1;; ++id) {
      history.push(makeFrame(pool, id));
      std::this_thread::sleep_for(1ms);
    }
  }
  for (int i = 0; i < 500; ++i) {
    std::error_code ec;
    const auto size = fs::file_size(dir / "run" / kFramesFileName, ec);
    if (!ec && size > 100 * format16().byteCount()) break;
    std::this_thread::sleep_for(10ms);
  }
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  auto run = CineRun::open(dir / "run");
  INFO(run.status().message());
  REQUIRE(run.isOk());
  const auto& frames = run.value()->frames();
  REQUIRE(frames.size() >= 100);
  core::FramePool pool(4, format16().byteCount());
  for (size_t i = 0; i < frames.size(); ++i) REQUIRE(frames[i].id == i + 1);
  CHECK(sameAsMade(*run.value(), frames.size() - 1, pool));  // the last frame kept is whole
  fs::remove_all(dir);
}

TEST_CASE("a missing or damaged run is refused with the file named", "[record][errors]") {
  CHECK_THAT(CineRun::open("/nonexistent/run").status().message(),
             Catch::Contains("/nonexistent/run"));
  const fs::path dir = freshDir("damaged");
  fs::create_directories(dir);
  { std::ofstream(dir / kFramesFileName) << ""; }
  { std::ofstream(dir / kIndexFileName) << "{\"id\": 1}\n{\"gap\": 2}\n"; }
  CHECK_THAT(CineRun::open(dir).status().message(), Catch::Contains("line 1"));
  fs::remove_all(dir);
}

namespace {
// The parts of a DICOM file the export test checks, read with DCMTK.
struct DicomReadBack {
  long frames = 0;
  Uint16 rows = 0;
  std::vector<double> frameTimeVectorMs;
  std::vector<uint8_t> pixels;
};
core::Status readDicomForTest(const fs::path& file, DicomReadBack* out) {
  DcmFileFormat dicom;
  if (dicom.loadFile(file.c_str()).bad())
    return core::Status::error(core::StatusCode::Unreadable, "cannot read");
  DcmDataset* d = dicom.getDataset();
  OFString frames;
  d->findAndGetOFString(DCM_NumberOfFrames, frames);
  out->frames = std::atol(frames.c_str());
  d->findAndGetUint16(DCM_Rows, out->rows);
  for (unsigned long i = 0;; ++i) {
    Float64 v = 0;
    if (d->findAndGetFloat64(DCM_FrameTimeVector, v, i).bad()) break;
    out->frameTimeVectorMs.push_back(v);
  }
  const Uint16* words = nullptr;
  unsigned long count = 0;
  if (d->findAndGetUint16Array(DCM_PixelData, words, &count).bad())
    return core::Status::error(core::StatusCode::Corrupt, "no pixels");
  out->pixels.assign(reinterpret_cast<const uint8_t*>(words),
                     reinterpret_cast<const uint8_t*>(words) + count * 2);
  return core::Status::ok();
}
}  // namespace

TEST_CASE(
    "a recorded run exports to multi-frame DICOM that dciodvfy passes and reads back bit-exact",
    "[record][dicom]") {
  const fs::path dir = freshDir("dicom");
  core::FramePool pool(72, format16().byteCount());
  core::FrameHistory history(64);
  Recorder recorder(history);
  REQUIRE(recorder.start(dir / "run", 1).isOk());
  for (uint64_t id = 1; id <= 12; ++id) {
    history.push(makeFrame(pool, id));
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(recorder.stop().framesRecorded == 12);
  auto run = CineRun::open(dir / "run");
  REQUIRE(run.isOk());
  procedure::CaseInfo info;
  info.patientId = "TEST-1";
  info.patientName = "Test^Patient";
  info.birthDate = "1970-01-02";
  info.createdAt = "2026-11-30 09:00:00";
  DicomSeries series;
  series.conversionType = "SYN";
  const fs::path file = dir / "run.dcm";
  REQUIRE(exportDicom(*run.value(), info, series, file).isOk());
  // Debian's dicom3tools checks the file against the IOD: no errors.
  const auto [verifyRc, verdict] = runTool("dciodvfy " + file.string(), dir, "dciodvfy");
  INFO(verdict);
  REQUIRE(verifyRc == 0);
  CHECK_THAT(verdict, Catch::Contains("MultiframeGrayscaleWordSCImage"));
  CHECK_THAT(verdict, !Catch::Contains("Error"));
  // GDCM's tools read it as a 64 x 64 x 12 volume of 16-bit words.
  const auto [gdcmRc, gdcm] = runTool("gdcminfo " + file.string(), dir, "gdcminfo");
  INFO(gdcm);
  CHECK(gdcmRc == 0);
  CHECK_THAT(gdcm, Catch::Contains("Dimensions: (64,64,12)"));
  CHECK_THAT(gdcm, Catch::Contains("ScalarType found   :UINT16"));
  // pydicom reads it back too: the same facts and the same pixels (compared below).
  const fs::path pydicomPixels = dir / "pydicom.raw";
  const auto [pyRc, py] = runTool(std::string(FG_TEST_TOOLS_DIR) + "/dicom_pixels.py " +
                                      file.string() + " " + pydicomPixels.string(),
                                  dir, "pydicom");
  INFO(py);
  REQUIRE(pyRc == 0);
  CHECK_THAT(py, Catch::Contains("frames=12 rows=64 columns=64 bits=16 spacing=0.3\\0.3"));
  std::ifstream pyFile(pydicomPixels, std::ios::binary);
  const std::vector<uint8_t> pyBytes((std::istreambuf_iterator<char>(pyFile)),
                                     std::istreambuf_iterator<char>());
  REQUIRE(pyBytes.size() == 12 * format16().byteCount());
  // Read back: the frames, to the bit, and the cine timing.
  DicomReadBack back;
  REQUIRE(readDicomForTest(file, &back).isOk());
  CHECK(back.frames == 12);
  CHECK(back.rows == kSize);
  CHECK(back.frameTimeVectorMs.size() == 12);
  CHECK(back.frameTimeVectorMs[1] == Approx(66.0));
  for (size_t i = 0; i < 12; ++i) {
    std::vector<uint8_t> got(format16().byteCount());
    REQUIRE(run.value()->readPixels(i, got.data()).isOk());
    CHECK(std::memcmp(back.pixels.data() + i * got.size(), got.data(), got.size()) == 0);
    CHECK(std::memcmp(pyBytes.data() + i * got.size(), got.data(), got.size()) == 0);
  }
  fs::remove_all(dir);
}

TEST_CASE("a recorded run exports to an H.264 MP4 that ffprobe reads", "[record][mp4]") {
  const fs::path dir = freshDir("mp4");
  core::FramePool pool(72, format16().byteCount());
  core::FrameHistory history(64);
  Recorder recorder(history);
  REQUIRE(recorder.start(dir / "run", 1).isOk());
  for (uint64_t id = 1; id <= 30; ++id) {
    history.push(makeFrame(pool, id));
    std::this_thread::sleep_for(1ms);
  }
  REQUIRE(recorder.stop().framesRecorded == 30);
  auto run = CineRun::open(dir / "run");
  REQUIRE(run.isOk());
  CHECK(runFramesPerSecond(*run.value()) == Approx(1e9 / 66'000'000).epsilon(0.01));
  const fs::path file = dir / "run.mp4";
  REQUIRE(exportMp4(*run.value(), file).isOk());
  const auto [probeRc, probe] = runTool(
      "ffprobe -v error -count_frames -show_entries stream=codec_name,width,height,nb_read_frames "
      "-of default=noprint_wrappers=1 " +
          file.string(),
      dir, "ffprobe");
  INFO(probe);
  REQUIRE(probeRc == 0);
  CHECK_THAT(probe, Catch::Contains("codec_name=h264"));
  CHECK_THAT(probe, Catch::Contains("width=64"));
  CHECK_THAT(probe, Catch::Contains("nb_read_frames=30"));
  // An empty run has nothing to export, and says so.
  fs::create_directories(dir / "empty");
  { std::ofstream(dir / "empty" / kFramesFileName) << ""; }
  { std::ofstream(dir / "empty" / kIndexFileName) << ""; }
  auto empty = CineRun::open(dir / "empty");
  REQUIRE(empty.isOk());
  CHECK_THAT(exportMp4(*empty.value(), dir / "empty.mp4").message(), Catch::Contains("no frame"));
  fs::remove_all(dir);
}

TEST_CASE("a source that loops or seeks never gives the run a zero or negative frame time", "[record][dicom]") {
  const fs::path dir = freshDir("loop-times");
  auto writer = CineWriter::create(dir / "run");
  REQUIRE(writer.isOk());
  const std::vector<uint8_t> pixels(format16().byteCount(), 7);
  // 66 ms apart; the source's clock starts again after the fourth (a loop), then jumps back once
  // more (a seek); arrival times go on at the steady clock.
  const int64_t device[] = {0, 66'000'000, 132'000'000, 198'000'000, 0, 66'000'000, 33'000'000};
  for (size_t i = 0; i < std::size(device); ++i)
    REQUIRE(writer.value()->write(i + 1, device[i], 1'000'000'000 + static_cast<int64_t>(i) * 66'000'000,
                                  format16(), pixels.data())
                .isOk());
  writer.value().reset();
  auto run = CineRun::open(dir / "run");
  REQUIRE(run.isOk());
  const auto& frames = run.value()->frames();
  REQUIRE(frames.size() == 7);
  for (size_t i = 1; i < frames.size(); ++i) {
    INFO("frame " << i);
    CHECK(frames[i].deviceNs - frames[i - 1].deviceNs == 66'000'000);
  }
  const fs::path file = dir / "run.dcm";
  REQUIRE(exportDicom(*run.value(), {}, DicomSeries{}, file).isOk());
  DicomReadBack back;
  REQUIRE(readDicomForTest(file, &back).isOk());
  REQUIRE(back.frameTimeVectorMs.size() == 7);
  CHECK(back.frameTimeVectorMs[0] == 0.0);  // the standard's: the first frame has no increment
  for (size_t i = 1; i < 7; ++i) CHECK(back.frameTimeVectorMs[i] == Approx(66.0));
  fs::remove_all(dir);
}
