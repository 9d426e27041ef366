#include "app/BenchContrast.hpp"

#include <algorithm>
#include <numeric>

#include <opencv2/core.hpp>

#include "app/AssetPaths.hpp"
#include "core/FramePool.hpp"
#include "guidance/ContrastAnalyzer.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::app {
namespace {

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

// OpenCV spreads some loops over all cores; the budget is for one.
class SingleThreadedOpenCv {
 public:
  SingleThreadedOpenCv() : before_(cv::getNumThreads()) { cv::setNumThreads(1); }
  ~SingleThreadedOpenCv() { cv::setNumThreads(before_); }
  SingleThreadedOpenCv(const SingleThreadedOpenCv&) = delete;
  SingleThreadedOpenCv& operator=(const SingleThreadedOpenCv&) = delete;

 private:
  int before_;
};

}  // namespace

core::Result<ContrastChainCost> measureContrastChain(const std::string& scenario) {
  auto loaded = sim::loadScenario(resolveSourceSpec("sim:" + scenario));
  if (!loaded) return loaded.status();
  auto created = sim::SimulatedPatient::create(loaded.value());
  if (!created) return created.status();
  sim::SimulatedPatient& patient = *created.value();
  const core::FrameFormat format = patient.format();
  core::FramePool pool(2, format.byteCount());
  guidance::ContrastAnalyzer analyzer;
  const SingleThreadedOpenCv oneCore;

  std::vector<double> convert, filter, motion, subtract, segment, measure, total;
  ContrastChainCost cost;
  cost.scenario = scenario;
  cost.frames = patient.frameCount();
  for (int i = 0; i < cost.frames; ++i) {
    auto writer = pool.acquire();
    writer.setFormat(format);
    patient.renderFrame(i, writer.bytes());
    const auto t = static_cast<int64_t>(patient.frameTimeS(i) * 1e9);
    writer.stamp(static_cast<uint64_t>(i + 1), t, t);
    const core::FrameRef frame = std::move(writer).publish();
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
  cost.stages = {summarise("to float, 2x2 binned", std::move(convert)),
                 summarise("temporal filter + noise", std::move(filter)),
                 summarise("motion check / fit", std::move(motion)),
                 summarise("subtract + background", std::move(subtract)),
                 summarise("segment", std::move(segment)),
                 summarise("measure + pattern", std::move(measure)),
                 summarise("whole chain", std::move(total))};
  return cost;
}

}  // namespace fg::app
