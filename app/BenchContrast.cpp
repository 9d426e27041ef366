#include "app/BenchContrast.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <opencv2/core.hpp>

#include "app/OneCore.hpp"
#include "app/SimulatedRun.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/GuidanceImage.hpp"
#include "guidance/LevelTracker.hpp"
#include "guidance/NeedleDetector.hpp"

namespace fg::app {

StageCost summarise(std::string stage, std::vector<double> ms) {
  StageCost cost;
  cost.stage = std::move(stage);
  if (ms.empty()) return cost;
  cost.meanMs = std::accumulate(ms.begin(), ms.end(), 0.0) / ms.size();
  std::sort(ms.begin(), ms.end());
  cost.p50Ms = ms[ms.size() / 2];
  cost.p99Ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  return cost;
}

core::Result<ContrastChainCost> measureContrastChain(const std::string& scenario) {
  auto opened = SimulatedRun::open(scenario);
  if (!opened) return opened.status();
  SimulatedRun& run = *opened.value();
  guidance::ContrastAnalyzer analyzer;
  const SingleThreadedOpenCv oneCore;

  std::vector<double> convert, filter, motion, subtract, segment, measure, total;
  ContrastChainCost cost;
  cost.scenario = scenario;
  cost.frames = run.frameCount();
  for (int i = 0; i < cost.frames; ++i) {
    const core::FrameRef frame = run.frame(i);
    const guidance::ContrastResult r = analyzer.analyze(*frame);
    if (!r.status) return r.status;
    const guidance::StageTimesMs& s = r.timesMs;
    convert.push_back(s.convert);
    filter.push_back(s.filter);
    motion.push_back(s.motion);
    subtract.push_back(s.subtract);
    segment.push_back(s.segment);
    measure.push_back(s.measure);
    total.push_back(s.total);
    cost.motionFits += s.motionFitted ? 1 : 0;
  }
  cost.stages = {summarise("to float, binned", std::move(convert)),
                 summarise("temporal filter + noise", std::move(filter)),
                 summarise("motion check / fit", std::move(motion)),
                 summarise("subtract + background", std::move(subtract)),
                 summarise("segment", std::move(segment)),
                 summarise("measure + pattern", std::move(measure)),
                 summarise("whole chain", std::move(total))};
  return cost;
}

core::Result<ContrastChainCost> measureNeedleChain(const std::string& scenario) {
  auto opened = SimulatedRun::open(scenario);
  if (!opened) return opened.status();
  SimulatedRun& run = *opened.value();
  guidance::NeedleDetector detector;
  guidance::LevelTracker levels;
  const SingleThreadedOpenCv oneCore;
  std::vector<double> convert, detect, track, total;
  ContrastChainCost cost;
  cost.scenario = scenario;
  cost.frames = run.frameCount();
  using Clock = std::chrono::steady_clock;
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  for (int i = 0; i < cost.frames; ++i) {
    const core::FrameRef frame = run.frame(i);
    const auto t0 = Clock::now();
    // The needle's search binning (the product gives it a copy this fine; see FrameAnalysis).
    const int binning = std::min(guidance::analysisBinning(frame->format()), guidance::kMaxNeedleSearchBinning);
    auto binned = guidance::toFloat(*frame, binning);
    if (!binned) return binned.status();
    const auto t1 = Clock::now();
    const guidance::NeedleObservation needle = detector.detect(*frame, binned.value(), binning);
    const auto t2 = Clock::now();
    if (i == 0) {
      // Labelled once (here from the simulator's vertebrae; the cost is the same as by hand).
      std::vector<guidance::LevelMarker> markers;
      for (const sim::VertebraInImage& v : run.patient().truth(0).vertebrae)
        markers.push_back({v.label, {v.xPx, v.yPx}});
      levels.label(frame->format(), binned.value(), binning, markers, guidance::LevelCounting::Manual,
                   &needle);
    } else {
      levels.track(binned.value(), &needle);
    }
    const auto t3 = Clock::now();
    convert.push_back(ms(t0, t1));
    detect.push_back(ms(t1, t2));
    track.push_back(ms(t2, t3));
    total.push_back(ms(t0, t3));
  }
  cost.stages = {summarise("to float, binned", std::move(convert)),
                 summarise("needle detection", std::move(detect)),
                 summarise("level tracking", std::move(track)),
                 summarise("whole chain", std::move(total))};
  return cost;
}

}  // namespace fg::app
