#include "app/BenchReplay.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "capture/OpenSource.hpp"
#include "capture/PlaybackControl.hpp"
#include "record/CineRun.hpp"

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

core::Result<ReplayCost> measureReplay() {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::temp_directory_path() / ("fg-bench-replay-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  core::FrameFormat f;
  f.width = f.height = kSide;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  {
    auto writer = record::CineWriter::create(dir);
    if (!writer) return writer.status();
    std::vector<uint8_t> pixels(f.byteCount());
    std::mt19937 rng(1);
    for (uint8_t& p : pixels) p = static_cast<uint8_t>(rng());
    for (int i = 0; i < kFrames; ++i) {
      pixels[0] = static_cast<uint8_t>(i);
      if (auto status = writer.value()->write(static_cast<uint64_t>(i + 1), i * 66'666'667LL, 0, f,
                                              pixels.data());
          !status)
        return status;
    }
    if (auto status = writer.value()->sync(); !status) return status;
  }
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  ReplayCost cost;
  cost.frames = kFrames;
  std::vector<uint8_t> into(f.byteCount());
  // As the window opens it: an interactive replay (playing from its first frame).
  capture::SourceOptions options;
  options.interactive = true;
  const auto t0 = Clock::now();
  auto source = capture::openSource(dir.string(), options);
  if (!source) return source.status();
  capture::FrameSource& replay = *source.value();
  if (replay.read(into).status != capture::ReadStatus::Frame) {
    return core::Status::error(core::StatusCode::Unreadable,
                               "replay bench: the first frame did not read");
  }
  cost.openToFirstFrameMs = ms(t0, Clock::now());
  const std::shared_ptr<capture::PlaybackControl> control = replay.playback();
  control->setPlaying(false);
  std::mt19937 rng(7);
  std::vector<double> seeks;
  const double residentBefore = residentMiB();
  for (int i = 0; i < 2 * kFrames; ++i) {
    const size_t at = rng() % kFrames;
    const auto s0 = Clock::now();
    control->seek(at);  // the timeline's scrub: the frame's pixels in the capture thread's hands
    if (replay.read(into).status != capture::ReadStatus::Frame ||
        control->state().position != static_cast<int64_t>(at)) {
      return core::Status::error(core::StatusCode::Unreadable,
                                 "replay bench: a seek to frame " + std::to_string(at) + " failed");
    }
    seeks.push_back(ms(s0, Clock::now()));
  }
  cost.residentGrowthMiB = residentMiB() - residentBefore;
  std::sort(seeks.begin(), seeks.end());
  cost.seekP50Ms = seeks[seeks.size() / 2];
  cost.seekP99Ms = seeks[seeks.size() * 99 / 100];
  fs::remove_all(dir);
  return cost;
}

}  // namespace fg::app
