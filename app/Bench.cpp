#include "app/Bench.hpp"

#include <epoxy/gl.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "app/AssetPaths.hpp"
#include "app/BenchContrast.hpp"
#include "app/BenchGuidance.hpp"
#include "app/BenchReplay.hpp"
#include "app/LiveDisplay.hpp"
#include "app/LivePipeline.hpp"
#include "app/OutputFiles.hpp"
#include "capture/TestPatternSource.hpp"
#include "app/OffscreenRenderer.hpp"
#include "render/ImageAnnotations.hpp"
#include "render/ImageRenderer.hpp"
#include "sim/ImagingChain.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::app {
namespace {

constexpr int kViewPx = 1024;           // drawn view: about the image area of a reading-room monitor
constexpr double kHandoffFps = 100.0;   // fast enough for many samples, slow enough that each waits
constexpr double kPresentFps = 30.0;    // the fastest common pulse rate

struct Row {
  int size = 0;
  double memcpyMs = 0;
  core::LatencySummary handoff;
  double uploadRenderMs = 0;
  core::LatencySummary present;
  uint64_t dropped = 0;
};

double medianMs(std::vector<int64_t> ns) {
  if (ns.empty()) return 0;
  std::sort(ns.begin(), ns.end());
  return core::nsToMs(ns[ns.size() / 2]);
}

double measureMemcpyMs(size_t bytes) {
  std::vector<uint8_t> src(bytes, 1), dst(bytes, 0);
  std::vector<int64_t> samples;
  const auto& clock = core::steadyClock();
  const int64_t until = clock.nowNs() + 300'000'000;
  while (clock.nowNs() < until || samples.size() < 20) {
    const int64_t t0 = clock.nowNs();
    std::memcpy(dst.data(), src.data(), bytes);
    samples.push_back(clock.nowNs() - t0);
    src[samples.size() % bytes] = dst[(samples.size() * 7) % bytes];  // keep the copy observable
  }
  return medianMs(std::move(samples));
}

std::unique_ptr<LivePipeline> patternPipeline(int size, double fps) {
  capture::TestPatternOptions pattern;
  pattern.width = pattern.height = size;
  pattern.framePeriodNs = static_cast<int64_t>(1e9 / fps);
  PipelineOptions options;
  options.sourceSpec = capture::kTestPatternSpec;
  options.historyFrames = 16;
  return LivePipeline::create(capture::makeTestPattern(pattern), options, core::steadyClock());
}

// Capture stamp -> a waiting consumer holding the frame: the cost of publishing and waking.
core::LatencySummary measureHandoff(int size, double seconds) {
  auto pipeline = patternPipeline(size, kHandoffFps);
  LiveDisplay consumer(core::steadyClock());
  pipeline->start();
  const int64_t until = core::steadyClock().nowNs() + core::secondsToNs(seconds);
  while (core::steadyClock().nowNs() < until) {
    if (consumer.waitAndPoll(pipeline->hub().display, 100'000'000)) consumer.markPresented();
  }
  pipeline->stop();
  return consumer.latency();
}

core::FrameRef oneFrame(int size) {
  capture::TestPatternOptions pattern;
  pattern.width = pattern.height = size;
  auto source = capture::makeTestPattern(pattern);
  core::FramePool pool(1, source->info().format.byteCount());
  auto writer = pool.acquire();
  writer.setFormat(source->info().format);
  source->read(writer.bytes());
  return std::move(writer).publish();
}

double measureUploadRender(render::ImageRenderer& renderer, render::RenderTarget& target, int size) {
  const core::FrameRef frame = oneFrame(size);
  render::DisplaySettings settings;
  settings.windowLevel = render::autoWindowLevel(*frame);
  const render::OverlayList none;
  std::vector<int64_t> samples;
  const auto& clock = core::steadyClock();
  const int64_t until = clock.nowNs() + 500'000'000;
  while (clock.nowNs() < until || samples.size() < 10) {
    const int64_t t0 = clock.nowNs();
    renderer.upload(*frame);
    renderer.draw(target, renderer.viewFor(target, {}), settings, none);
    glFinish();
    samples.push_back(clock.nowNs() - t0);
  }
  return medianMs(std::move(samples));
}

// The headless display loop at a live pulse rate: capture stamp -> drawn with its overlays and
// finished on the GPU.
core::LatencySummary measurePresent(render::ImageRenderer& renderer, render::RenderTarget& target, int size,
                                    double seconds, uint64_t* dropped) {
  auto pipeline = patternPipeline(size, kPresentFps);
  LiveDisplay display(core::steadyClock());
  render::DisplaySettings settings;
  render::OverlayList overlays;
  pipeline->start();
  const int64_t until = core::steadyClock().nowNs() + core::secondsToNs(seconds);
  while (core::steadyClock().nowNs() < until) {
    if (!display.waitAndPoll(pipeline->hub().display, 100'000'000)) continue;
    renderer.upload(*display.frame());
    const auto view = renderer.viewFor(target, {});
    overlays.clear();
    render::addStandardAnnotations(overlays, view, display.frame()->format(), {});
    renderer.draw(target, view, settings, overlays);
    glFinish();
    display.markPresented();
  }
  pipeline->stop();
  *dropped = pipeline->capture().stats().droppedPoolEmpty + pipeline->hub().display.overwritten();
  return display.latency();
}

struct SimRow {
  std::string scenario;
  int frames = 0;
  double meanMs = 0;
  double firstMs = 0;   // the first pose's projection and the first frame
  double medianMs = 0;  // a frame once its pose is projected
  double worstMs = 0;   // after the first: the worst re-projection (patient motion, bowel gas)
};

// The simulated patient on this thread (one core): every frame of a whole scenario.
core::Result<SimRow> measureSimulator(const std::string& name) {
  auto scenario = sim::loadScenario(resolveSourceSpec("sim:" + name));
  if (!scenario) return scenario.status();
  auto patient = sim::SimulatedPatient::create(scenario.value());
  if (!patient) return patient.status();
  std::vector<uint8_t> frame(patient.value()->format().byteCount());
  SimRow row;
  row.scenario = name;
  row.frames = patient.value()->frameCount();
  const auto& clock = core::steadyClock();
  const int64_t start = clock.nowNs();
  std::vector<double> ms;
  for (int i = 0; i < row.frames; ++i) {
    const int64_t t0 = clock.nowNs();
    patient.value()->renderFrame(i, frame);
    ms.push_back(core::nsToMs(clock.nowNs() - t0));
  }
  row.meanMs = core::nsToMs(clock.nowNs() - start) / row.frames;
  row.firstMs = ms.front();
  if (ms.size() > 1) row.worstMs = *std::max_element(ms.begin() + 1, ms.end());
  std::nth_element(ms.begin(), ms.begin() + static_cast<long>(ms.size() / 2), ms.end());
  row.medianMs = ms[ms.size() / 2];
  return row;
}

struct ProjectionRow {
  std::string what;
  int width = 0;
  double createMs = 0;      // reading and preparing the anatomy (the CT: once per patient)
  double projectionMs = 0;  // the first frame of a pose: its projection, then the frame
};

// The static anatomy projected for one pose: the first frame of a new patient in that view.
core::Result<ProjectionRow> measurePoseProjection(const std::string& name, core::StandardView view,
                                                  const char* viewName, const std::string& detector) {
  auto scenario = sim::loadScenario(resolveSourceSpec("sim:" + name));
  if (!scenario) return scenario.status();
  sim::Scenario s = scenario.value();
  if (!detector.empty()) {
    s.chain = sim::defaultChain(sim::parseDetectorKind(detector));
    s.pose.detectorColumns = s.chain.columns;
    s.pose.detectorRows = s.chain.rows;
    s.pose.detectorPixelMm = s.chain.pixelMm;
  }
  const core::CarmPose base = s.pose;
  s.pose = core::standardPose(view, base);
  const auto& clock = core::steadyClock();
  const int64_t t0 = clock.nowNs();
  auto patient = sim::SimulatedPatient::create(s);
  if (!patient) return patient.status();
  const int64_t t1 = clock.nowNs();
  std::vector<uint8_t> frame(patient.value()->format().byteCount());
  patient.value()->renderFrame(0, frame);
  const int64_t t2 = clock.nowNs();
  return ProjectionRow{name + " " + viewName + " " + std::string(sim::toString(s.chain.detector)), s.pose.detectorColumns,
                       core::nsToMs(t1 - t0), core::nsToMs(t2 - t1)};
}

nlohmann::json figure(double ms, double floorMs) {
  return {{"ms", ms}, {"ratioToMemcpy", floorMs > 0 ? ms / floorMs : 0.0}};
}

// The whole per-frame guidance on the CT patient, through every imaging chain: its table.
core::Result<std::vector<GuidanceCost>> printGuidancePerChain() {
  constexpr double kGuidanceLimitX = 50;
  std::printf("\nwhole guidance per frame (conversion, field, contrast, needle, levels), one core, the CT "
              "patient through each chain of the default matrix, from 2 s before the injection to 4 s after\n");
  std::printf("  %-48s %11s %7s %9s %9s %9s %9s %9s  %-16s %27s\n", "chain", "frame", "frames", "memcpy ms",
              "p50 ms", "x memcpy", "p99 ms", "max ms", "limit 50x at p50", "p50 ms contrast/needle/levels");
  auto guidance = measureGuidancePerChain("default", "ct-l4-5-interlaminar-epidural");
  if (!guidance) {
    spdlog::error("{}", guidance.status().message());
    return guidance.status();
  }
  for (const GuidanceCost& g : guidance.value()) {
    char size[32];
    std::snprintf(size, sizeof size, "%dx%dx%d", g.width, g.height, g.bytesPerPixel);
    const double x = g.memcpyMs > 0 ? g.p50Ms / g.memcpyMs : 0;
    std::printf("  %-48s %11s %7d %9.3f %9.2f %8.1fx %9.2f %9.2f  %-16s %9.2f %8.2f %8.2f\n", g.chain.c_str(), size,
                g.frames, g.memcpyMs, g.p50Ms, x, g.p99Ms, g.maxMs, x <= kGuidanceLimitX ? "met" : "SHORT",
                g.contrastP50Ms, g.needleP50Ms, g.levelsP50Ms);
    std::fflush(stdout);
  }
  return guidance;
}

nlohmann::json guidanceJson(const std::vector<GuidanceCost>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const GuidanceCost& g : rows) {
    out.push_back({{"chain", g.chain}, {"width", g.width}, {"height", g.height}, {"frames", g.frames},
                   {"p50", figure(g.p50Ms, g.memcpyMs)}, {"p99", figure(g.p99Ms, g.memcpyMs)},
                   {"max", figure(g.maxMs, g.memcpyMs)},
                   {"p50PartsMs", {{"contrast", g.contrastP50Ms}, {"needle", g.needleP50Ms}, {"levels", g.levelsP50Ms}}}});
  }
  return out;
}

}  // namespace

int runBench(const AppOptions& options) {
  // The capture threads' exit summaries would break up the table.
  spdlog::set_level(spdlog::level::warn);
  if (options.benchGuidanceOnly) {
    auto guidance = printGuidancePerChain();
    if (!guidance) return 1;
    if (!options.benchJson.empty()) {
      if (auto status = writeJson({{"guidancePerChain", guidanceJson(guidance.value())}}, options.benchJson); !status)
        spdlog::error("{}", status.message());
    }
    return 0;
  }
  auto offscreen = createOffscreenRenderer(kViewPx, kViewPx);
  if (!offscreen) {
    spdlog::error("{}", offscreen.status().message());
    return 3;
  }
  render::ImageRenderer& renderer = *offscreen.value()->renderer;
  render::RenderTarget& target = offscreen.value()->target;
  const std::string gpu = offscreen.value()->context->description();
  const unsigned cpus = std::thread::hardware_concurrency();
  std::printf("FluoroGuide bench: %s, %u CPUs, view %dx%d, 16-bit frames\n", gpu.c_str(),
              cpus, kViewPx, kViewPx);
  std::printf("ratios (x) are to the memcpy of one frame, the floor of any hand-off\n\n");
  std::printf("%-6s %10s | %-22s %9s | %-22s | %-24s %9s | %s\n", "size", "memcpy ms", "hand-off p50 ms (x)",
              "p99 ms", "upload+render ms (x)", "capture->present p50 (x)", "p99 ms", "lost");

  std::vector<Row> rows;
  for (int size : options.benchSizes) {
    Row row;
    row.size = size;
    row.memcpyMs = measureMemcpyMs(static_cast<size_t>(size) * size * 2);
    row.handoff = measureHandoff(size, options.benchSeconds / 2);
    row.uploadRenderMs = measureUploadRender(renderer, target, size);
    row.present = measurePresent(renderer, target, size, options.benchSeconds, &row.dropped);
    const double f = row.memcpyMs;
    std::printf("%-6d %10.3f | %8.3f (%9.1fx)   %9.3f | %8.3f (%9.1fx)   | %8.3f (%9.1fx)     %9.3f | %llu\n",
                size, f, row.handoff.p50Ms, row.handoff.p50Ms / f, row.handoff.p99Ms, row.uploadRenderMs,
                row.uploadRenderMs / f, row.present.p50Ms, row.present.p50Ms / f, row.present.p99Ms,
                static_cast<unsigned long long>(row.dropped));
    std::fflush(stdout);
    rows.push_back(row);
  }

  // The simulator: mean over whole scenarios, first frame (anatomy projection) included.
  const double floor1024 = measureMemcpyMs(1024u * 1024u * 2u);
  std::printf("\nsimulated patient, one core for the frames (the CT's ray casting on two), 1024x1024 16-bit, "
              "whole scenario (memcpy %.3f ms)\n", floor1024);
  std::printf("%-34s %7s %10s %10s %10s %12s %12s %10s\n", "scenario", "frames", "mean ms", "median ms", "frames/s",
              "x memcpy", "first ms", "worst ms");
  std::vector<SimRow> simRows;
  for (const char* name : {"l4-5-interlaminar-epidural", "l5-s1-transforaminal-intravascular",
                           "l4-5-epidural-patient-motion", "ct-l4-5-interlaminar-epidural",
                           "ct-l4-5-epidural-patient-motion"}) {
    auto row = measureSimulator(name);
    if (!row) {
      spdlog::error("{}", row.status().message());
      return 1;
    }
    const SimRow& r = row.value();
    std::printf("%-34s %7d %10.3f %10.3f %10.0f %11.1fx %12.1f %10.2f\n", r.scenario.c_str(), r.frames, r.meanMs,
                r.medianMs, 1000.0 / r.medianMs, r.medianMs / floor1024, r.firstMs, r.worstMs);
    simRows.push_back(r);
  }

  std::printf("\npose projection: the static anatomy of a new pose (the CT ray-cast on two threads), limit 1000 ms\n");
  std::printf("%-60s %7s %12s %16s\n", "patient, view, detector", "size", "prepare ms", "projection ms");
  std::vector<ProjectionRow> projections;
  const struct {
    const char* scenario;
    core::StandardView view;
    const char* viewName;
    const char* detector;
  } poses[] = {{"ct-l4-5-interlaminar-epidural", core::StandardView::AP, "ap", ""},
               {"ct-l4-5-interlaminar-epidural", core::StandardView::Lateral, "lateral", ""},
               {"ct-l4-5-interlaminar-epidural", core::StandardView::ContralateralOblique, "clo", ""},
               {"ct-l4-5-interlaminar-epidural", core::StandardView::AP, "ap", "flat-panel"},
               {"l4-5-interlaminar-epidural", core::StandardView::AP, "ap", ""},
               {"l4-5-interlaminar-epidural", core::StandardView::Lateral, "lateral", ""}};
  for (const auto& pose : poses) {
    auto row = measurePoseProjection(pose.scenario, pose.view, pose.viewName, pose.detector);
    if (!row) {
      spdlog::error("{}", row.status().message());
      return 1;
    }
    std::printf("%-60s %7d %12.1f %16.1f\n", row.value().what.c_str(), row.value().width, row.value().createMs,
                row.value().projectionMs);
    projections.push_back(row.value());
  }

  // Replay of a recorded run: open to first frame, and a frame anywhere in it.
  auto replay = measureReplay();
  if (!replay) {
    spdlog::error("{}", replay.status().message());
    return 1;
  }
  std::printf("\nreplay, 300 frames of the simulated case, 1024x1024 12-bit, as the window opens it "
              "(memcpy %.3f ms)\n", floor1024);
  for (const ReplayCost& rc : replay.value()) {
    std::printf("  %-26s open to first frame %7.2f ms (%6.1fx)  seek p50 %7.3f ms (%6.1fx) p99 %7.3f ms"
                "  memory %+.1f MiB\n",
                rc.what.c_str(), rc.openToFirstFrameMs, rc.openToFirstFrameMs / floor1024, rc.seekP50Ms,
                rc.seekP50Ms / floor1024, rc.seekP99Ms, rc.residentGrowthMiB);
    if (rc.cacheReadyS > 0)
      std::printf("  %-26s while decoding in the background: seek p50 %7.2f ms; all decoded %.1f s after "
                  "opening\n",
                  "", rc.decodingSeekP50Ms, rc.cacheReadyS);
  }
  std::printf("  limits: first frame 300 ms, seek 30 ms, memory not growing with the loop\n");

  // The contrast and needle chains, stage by stage, against the same floor.
  std::printf("\nguidance chains, one core, 1024x1024 16-bit, every frame of the scenario (memcpy %.3f ms)\n",
              floor1024);
  std::vector<ContrastChainCost> chains;
  struct ChainRun {
    const char* title;
    core::Result<ContrastChainCost> (*measure)(const std::string&);
    const char* scenario;
  };
  const ChainRun runs[] = {{"contrast", measureContrastChain, "l4-5-interlaminar-epidural"},
                           {"contrast", measureContrastChain, "l4-5-epidural-patient-motion"},
                           {"needle", measureNeedleChain, "l4-5-interlaminar-epidural"},
                           {"needle", measureNeedleChain, "l4-5-epidural-lateral"}};
  for (const ChainRun& chainRun : runs) {
    auto chain = chainRun.measure(chainRun.scenario);
    if (!chain) {
      spdlog::error("{}", chain.status().message());
      return 1;
    }
    ContrastChainCost c = chain.value();
    c.scenario = std::string(chainRun.title) + ": " + c.scenario;
    std::printf("%s: %d frames, %d full motion fits\n", c.scenario.c_str(), c.frames, c.motionFits);
    std::printf("  %-26s %9s %10s %9s %9s\n", "stage", "p50 ms", "x memcpy", "p99 ms", "mean ms");
    for (const StageCost& s : c.stages) {
      std::printf("  %-26s %9.3f %9.1fx %9.3f %9.3f\n", s.stage.c_str(), s.p50Ms, s.p50Ms / floor1024, s.p99Ms,
                  s.meanMs);
    }
    chains.push_back(c);
  }

  auto guidance = printGuidancePerChain();
  if (!guidance) return 1;
  if (!options.benchJson.empty()) {
    nlohmann::json out = {{"renderer", gpu}, {"cpus", cpus}, {"viewPx", kViewPx}};
    out["guidancePerChain"] = guidanceJson(guidance.value());
    nlohmann::json list = nlohmann::json::array();
    for (const Row& r : rows) {
      list.push_back({{"sizePx", r.size},
                      {"bytes", static_cast<size_t>(r.size) * r.size * 2},
                      {"memcpy", figure(r.memcpyMs, r.memcpyMs)},
                      {"captureHandoffP50", figure(r.handoff.p50Ms, r.memcpyMs)},
                      {"captureHandoffP99", figure(r.handoff.p99Ms, r.memcpyMs)},
                      {"uploadAndRender", figure(r.uploadRenderMs, r.memcpyMs)},
                      {"captureToPresentP50", figure(r.present.p50Ms, r.memcpyMs)},
                      {"captureToPresentP99", figure(r.present.p99Ms, r.memcpyMs)},
                      {"presentSamples", r.present.count},
                      {"framesLost", r.dropped}});
    }
    out["sizes"] = list;
    nlohmann::json sims = nlohmann::json::array();
    for (const SimRow& r : simRows) {
      sims.push_back({{"scenario", r.scenario}, {"frames", r.frames}, {"meanFrame", figure(r.meanMs, floor1024)},
                      {"medianFrame", figure(r.medianMs, floor1024)}, {"firstFrameMs", r.firstMs},
                      {"framesPerSecond", 1000.0 / r.medianMs}, {"worstFrameMs", r.worstMs}});
    }
    out["simulator"] = sims;
    nlohmann::json poseRows = nlohmann::json::array();
    for (const ProjectionRow& r : projections) {
      poseRows.push_back({{"what", r.what}, {"size", r.width}, {"prepareMs", r.createMs}, {"projectionMs", r.projectionMs}});
    }
    out["poseProjection"] = poseRows;
    nlohmann::json replays = nlohmann::json::array();
    for (const ReplayCost& rc : replay.value()) {
      replays.push_back({{"what", rc.what},
                         {"frames", rc.frames},
                         {"openToFirstFrame", figure(rc.openToFirstFrameMs, floor1024)},
                         {"seekP50", figure(rc.seekP50Ms, floor1024)},
                         {"seekP99Ms", rc.seekP99Ms},
                         {"residentGrowthMiB", rc.residentGrowthMiB},
                         {"decodingSeekP50Ms", rc.decodingSeekP50Ms},
                         {"cacheReadyS", rc.cacheReadyS}});
    }
    out["replay"] = replays;
    nlohmann::json contrast = nlohmann::json::array();
    for (const ContrastChainCost& c : chains) {
      nlohmann::json stages = nlohmann::json::array();
      for (const StageCost& s : c.stages) {
        stages.push_back({{"stage", s.stage}, {"p50", figure(s.p50Ms, floor1024)}, {"p99Ms", s.p99Ms},
                          {"meanMs", s.meanMs}});
      }
      contrast.push_back({{"scenario", c.scenario}, {"frames", c.frames}, {"motionFits", c.motionFits},
                          {"stages", stages}});
    }
    out["contrastChain"] = contrast;
    if (auto status = writeJson(out, options.benchJson); !status) {
      spdlog::error("{}", status.message());
      return 1;
    }
  }
  return 0;
}

}  // namespace fg::app
