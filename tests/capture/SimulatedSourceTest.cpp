// The simulated patient as a frame source: a video signal repeats the image between pulses while
// the timer runs on, and a frame grabber that drops a share of refreshes delivers fewer.
#include <catch2/catch.hpp>
#include <vector>

#include "capture/SimulatedSource.hpp"
#include "sim/SimulatedPatient.hpp"

using namespace fg;

namespace {
std::unique_ptr<capture::FrameSource> open(const std::string& fields) {
  auto scenario = sim::parseScenario(R"({"name": "s", "seed": 3, "durationS": 4, )" + fields + "}", "s.json");
  REQUIRE(scenario.isOk());
  auto patient = sim::SimulatedPatient::create(scenario.value());
  REQUIRE(patient.isOk());
  return capture::makeSimulatedSource(std::move(patient.value()), {});
}
}  // namespace

TEST_CASE("a video signal repeats each pulse's image between pulses; only the timer changes",
          "[capture][simulated][repeats]") {
  auto source = open(R"("pulsesPerSecond": 3.75, "output": "video", "videoRefreshHz": 30)");
  const auto& info = source->info();
  CHECK(info.deliversRepeats);
  CHECK(info.frameCount == 4 * 30);
  std::vector<uint8_t> first(info.format.byteCount()), next(first.size());
  auto a = source->read(first);
  REQUIRE(a.status == capture::ReadStatus::Frame);
  // 30 / 3.75 = 8 refreshes show one pulse.
  int timerMoved = 0;
  for (int r = 1; r < 8; ++r) {
    auto b = source->read(next);
    REQUIRE(b.status == capture::ReadStatus::Frame);
    CHECK(b.deviceNs == a.deviceNs);  // the same pulse
    int differ = 0, differOutsideTimer = 0;
    for (int y = 0; y < info.format.height; ++y) {
      for (int x = 0; x < info.format.width; ++x) {
        const size_t i = static_cast<size_t>(y) * info.format.width + x;
        if (first[i] == next[i]) continue;
        ++differ;
        if (!(y < 40 && x >= info.format.width - 240)) ++differOutsideTimer;
      }
    }
    timerMoved += differ > 0;        // the timer runs on (in tenths of a second)
    CHECK(differOutsideTimer == 0);  // the picture repeated
  }
  CHECK(timerMoved >= 5);
  auto c = source->read(next);
  CHECK(c.deviceNs > a.deviceNs);  // the next pulse
}

TEST_CASE("dropped frames: fewer refreshes arrive, and time jumps where one is missing",
          "[capture][simulated][drops]") {
  auto all = open(R"("pulsesPerSecond": 30)");
  auto some = open(R"("pulsesPerSecond": 30, "chain": {"droppedFramesPercent": 10})");
  std::vector<uint8_t> frame(all->info().format.byteCount());
  auto count = [&](capture::FrameSource& s, int& jumps) {
    int n = 0, missed = 0;
    int64_t last = -1;
    jumps = 0;
    while (true) {
      auto r = s.read(frame);
      if (r.status == capture::ReadStatus::NotReady) {  // a refresh missed: its period passes empty
        ++missed;
        continue;
      }
      if (r.status != capture::ReadStatus::Frame) break;
      if (last >= 0 && r.deviceNs - last > 40'000'000) ++jumps;  // more than one 33 ms period
      last = r.deviceNs;
      ++n;
    }
    CHECK(n + missed == 120);  // every refresh took its period, shown or missed
    return n;
  };
  int jumpsAll = 0, jumpsSome = 0;
  const int delivered = count(*all, jumpsAll), fewer = count(*some, jumpsSome);
  CHECK(delivered == 120);
  CHECK(jumpsAll == 0);
  CHECK(fewer < 118);
  CHECK(fewer > 95);
  CHECK(jumpsSome > 0);
}
