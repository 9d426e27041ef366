#include "app/BenchGuidance.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <vector>

#include "app/OneCore.hpp"
#include "app/ScenarioTool.hpp"
#include "app/SimulatedRun.hpp"
#include "guidance/FrameAnalysis.hpp"
#include "guidance/RobustStats.hpp"

namespace fg::app {
namespace {

constexpr double kBeforeInjectionS = 2.0, kAfterInjectionS = 4.0;
constexpr int kMaxFrames = 120;

double memcpyMs(size_t bytes) {
  std::vector<uint8_t> a(bytes, 1), b(bytes, 0);
  double best = 1e9;
  for (int i = 0; i < 20; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    std::memcpy(b.data(), a.data(), bytes);
    best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

}  // namespace

core::Result<std::vector<GuidanceCost>> measureGuidancePerChain(const std::string& matrix, const std::string& base) {
  auto cases = matrixCases(matrix);
  if (!cases) return cases.status();
  std::vector<GuidanceCost> out;
  const SingleThreadedOpenCv oneCore;
  for (const sim::MatrixCase& c : cases.value()) {
    if (c.name.rfind(base + "@", 0) != 0) continue;
    auto opened = SimulatedRun::open(c.scenario);
    if (!opened) return opened.status();
    SimulatedRun& run = *opened.value();
    const double injectionS = c.scenario.injection ? c.scenario.injection->startS : 10.0;
    const double pps = c.scenario.pulsesPerSecond;
    const int first = std::max(0, static_cast<int>((injectionS - kBeforeInjectionS) * pps));
    const int last = std::min({run.frameCount(), static_cast<int>((injectionS + kAfterInjectionS) * pps),
                               first + kMaxFrames});
    guidance::FrameAnalysis analysis{guidance::AnalyzerSettings{}};
    std::vector<double> ms, contrastMs, needleMs, levelsMs;
    GuidanceCost cost;
    cost.chain = c.name.substr(base.size() + 1);
    for (int i = first; i < last; ++i) {
      const core::FrameRef frame = run.frame(i);
      std::optional<guidance::LevelRequest> request;
      if (i == first) {
        // The levels named once (from the simulator's vertebrae; the cost is the same as by hand).
        guidance::LevelRequest r;
        r.kind = guidance::LevelRequest::Kind::Markers;
        r.counting = guidance::LevelCounting::Manual;
        const double s = run.patient().maskScale();
        const auto offset = run.patient().maskOffsetPx();
        for (const sim::VertebraInImage& v : run.patient().truth(i).vertebrae)
          r.markers.push_back({v.label, {offset[0] + v.xPx * s, offset[1] + v.yPx * s}});
        request = r;
      }
      const auto t0 = std::chrono::steady_clock::now();
      const auto result = analysis.analyse(*frame, &request);
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      needleMs.push_back(result->needleMs);
      levelsMs.push_back(result->levelsMs);
      contrastMs.push_back(ms.back() - result->needleMs - result->levelsMs);
      if (i == first) {
        cost.width = frame->format().width;
        cost.height = frame->format().height;
        cost.bytesPerPixel = core::bytesPerPixel(frame->format().pixelFormat);
      }
    }
    if (ms.empty()) continue;
    std::sort(ms.begin(), ms.end());
    cost.frames = static_cast<int>(ms.size());
    cost.p50Ms = ms[ms.size() / 2];
    cost.p99Ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    cost.maxMs = ms.back();
    cost.contrastP50Ms = guidance::medianInPlace(contrastMs);
    cost.needleP50Ms = guidance::medianInPlace(needleMs);
    cost.levelsP50Ms = guidance::medianInPlace(levelsMs);
    cost.memcpyMs = memcpyMs(static_cast<size_t>(cost.width) * cost.height * cost.bytesPerPixel);
    out.push_back(cost);
  }
  if (out.empty()) return core::Status::error(core::StatusCode::NotFound, "no case of " + base + " in matrix " + matrix);
  return out;
}

}  // namespace fg::app
