#include "app/BenchReplay.hpp"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <vector>

#include "app/SimulatedRun.hpp"
#include "capture/OpenSource.hpp"
#include "capture/PlaybackControl.hpp"
#include "record/CineRun.hpp"
#include "record/DicomExport.hpp"

namespace fg::app {
namespace {

constexpr int kFrames = 300, kSide = 1024;

double residentMiB() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

}  // namespace

namespace {

// Opens `spec` as the window does and times the first frame and 600 random seeks.
core::Result<ReplayCost> measureSource(const std::string& spec, const std::string& what,
                                       size_t frameBytes) {
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  ReplayCost cost;
  cost.what = what;
  cost.frames = kFrames;
  std::vector<uint8_t> into(frameBytes);
  capture::SourceOptions options;
  options.interactive = true;  // playing from its first frame
  const auto t0 = Clock::now();
  auto source = capture::openSource(spec, options);
  if (!source) return source.status();
  capture::FrameSource& replay = *source.value();
  if (replay.read(into).status != capture::ReadStatus::Frame) {
    return core::Status::error(core::StatusCode::Unreadable,
                               "replay bench: the first frame of " + what + " did not read");
  }
  cost.openToFirstFrameMs = ms(t0, Clock::now());
  const std::shared_ptr<capture::PlaybackControl> control = replay.playback();
  control->setPlaying(false);
  std::mt19937 rng(7);
  // One seek: the timeline's scrub, until the frame's pixels are in the capture thread's hands.
  auto seek = [&](std::vector<double>& times) -> core::Status {
    const size_t at = rng() % kFrames;
    const auto s0 = Clock::now();
    control->seek(at);
    if (replay.read(into).status != capture::ReadStatus::Frame ||
        control->state().position != static_cast<int64_t>(at)) {
      return core::Status::error(
          core::StatusCode::Unreadable,
          "replay bench: a seek to frame " + std::to_string(at) + " of " + what + " failed");
    }
    times.push_back(ms(s0, Clock::now()));
    return core::Status::ok();
  };
  if (control->state().framesPrepared < static_cast<size_t>(kFrames)) {
    std::vector<double> decoding;
    for (int i = 0; i < 20; ++i) {
      if (auto status = seek(decoding); !status) return status;
    }
    std::sort(decoding.begin(), decoding.end());
    cost.decodingSeekP50Ms = decoding[decoding.size() / 2];
    while (control->state().framesPrepared < static_cast<size_t>(kFrames)) {
      if (ms(t0, Clock::now()) > 600'000)
        return core::Status::error(core::StatusCode::Unreadable,
                                   "replay bench: " + what + " still decoding after 10 min");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    cost.cacheReadyS = ms(t0, Clock::now()) / 1000.0;
  }
  std::vector<double> seeks;
  const double residentBefore = residentMiB();
  for (int i = 0; i < 2 * kFrames; ++i) {
    if (auto status = seek(seeks); !status) return status;
  }
  cost.residentGrowthMiB = residentMiB() - residentBefore;
  std::sort(seeks.begin(), seeks.end());
  cost.seekP50Ms = seeks[seeks.size() / 2];
  cost.seekP99Ms = seeks[seeks.size() * 99 / 100];
  return cost;
}

// 300 frames of the simulated case (its first 30 frames, round and round).
core::Status writeRun(const std::filesystem::path& dir, core::FrameFormat* format) {
  auto sim = SimulatedRun::open("l4-5-interlaminar-epidural");
  if (!sim) return sim.status();
  std::vector<std::vector<uint8_t>> frames;  // the simulator's pool holds only a few frames
  for (int i = 0; i < 30; ++i) {
    const core::FrameRef f = sim.value()->frame(i);
    *format = f->format();
    frames.emplace_back(f->bytes().begin(), f->bytes().end());
  }
  auto writer = record::CineWriter::create(dir);
  if (!writer) return writer.status();
  for (int i = 0; i < kFrames; ++i) {
    const auto& pixels = frames[static_cast<size_t>(i) % frames.size()];
    if (auto status = writer.value()->write(static_cast<uint64_t>(i + 1), i * 66'666'667LL, 0,
                                            *format, pixels.data());
        !status)
      return status;
  }
  return writer.value()->sync();
}

// The run's DICOM export re-encoded in `syntax` by DCMTK (JPEG-LS) or GDCM's tool (JPEG 2000).
core::Status encode(const std::filesystem::path& from, const std::filesystem::path& to,
                    E_TransferSyntax syntax) {
  if (syntax == EXS_JPEG2000LosslessOnly) {
    const std::string command = "gdcmconv --j2k " + from.string() + " " + to.string();
    if (std::system((command + " > /dev/null 2>&1").c_str()) != 0)
      return core::Status::error(core::StatusCode::Io, "replay bench: '" + command + "' failed");
    return core::Status::ok();
  }
  DJLSEncoderRegistration::registerCodecs();
  DcmFileFormat file;
  if (file.loadFile(from.c_str()).bad() ||
      file.getDataset()->chooseRepresentation(syntax, nullptr).bad() ||
      file.saveFile(to.c_str(), syntax).bad())
    return core::Status::error(core::StatusCode::Io,
                               "replay bench: cannot re-encode " + from.string());
  return core::Status::ok();
}

}  // namespace

core::Result<std::vector<ReplayCost>> measureReplay() {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("fg-bench-replay-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  core::FrameFormat format;
  if (auto status = writeRun(dir / "run", &format); !status) return status;
  auto run = record::CineRun::open(dir / "run");
  if (!run) return run.status();
  record::DicomSeries series;
  series.conversionType = "SYN";
  if (auto status =
          record::exportDicom(*run.value(), procedure::CaseInfo{}, series, dir / "native.dcm");
      !status)
    return status;
  if (auto status = encode(dir / "native.dcm", dir / "jpegls.dcm", EXS_JPEGLSLossless); !status)
    return status;
  if (auto status = encode(dir / "native.dcm", dir / "j2k.dcm", EXS_JPEG2000LosslessOnly); !status)
    return status;
  std::vector<ReplayCost> rows;
  for (const auto& [spec, what] :
       {std::pair{dir / "run", "recorded run"}, std::pair{dir / "native.dcm", "DICOM native"},
        std::pair{dir / "jpegls.dcm", "DICOM JPEG-LS lossless"},
        std::pair{dir / "j2k.dcm", "DICOM JPEG 2000 lossless"}}) {
    auto cost = measureSource(spec.string(), what, format.byteCount());
    if (!cost) return cost.status();
    rows.push_back(cost.value());
  }
  fs::remove_all(dir);
  return rows;
}

}  // namespace fg::app
