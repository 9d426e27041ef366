#include "app/Headless.hpp"

#include <epoxy/gl.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <thread>

#include "app/AssetPaths.hpp"
#include "app/ContrastLayers.hpp"
#include "app/LevelBanner.hpp"
#include "app/LiveDisplay.hpp"
#include "app/OffscreenRenderer.hpp"
#include "app/OutputFiles.hpp"
#include "app/OverlayMovie.hpp"
#include "app/PlanFile.hpp"
#include "app/StatusSnapshot.hpp"
#include "guidance/AnalysisThread.hpp"
#include "guidance/Trajectory.hpp"
#include "capture/OpenSource.hpp"
#include "record/Recorder.hpp"
#include "record/RunExport.hpp"
#include "sim/GroundTruth.hpp"

namespace fg::app {
namespace {

// The test pattern has no end of its own: headless plays 10 s of it unless --frames says otherwise.
constexpr int64_t kTestPatternHeadlessFrames = 150;

// A simulated source's ground truth goes next to the frames, for the evaluation commands.
// `lastDeviceNs`: device time of the last frame delivered (the pulse it shows), or kNoTimeNs.
core::Status writeTruthIfSimulated(const std::string& spec, int64_t lastDeviceNs,
                                   const std::filesystem::path& outDir) {
  if (!capture::isScenarioSpec(spec)) return core::Status::ok();
  auto scenario = sim::loadScenario(spec);
  if (!scenario) return scenario.status();
  auto patient = sim::SimulatedPatient::create(scenario.value());
  if (!patient) return patient.status();
  const int pulses =
      lastDeviceNs == core::kNoTimeNs
          ? 0
          : static_cast<int>(std::llround(lastDeviceNs * 1e-9 * scenario.value().pulsesPerSecond)) +
                1;
  return sim::writeGroundTruth(*patient.value(), pulses, outDir / "truth");
}

nlohmann::json contrastLine(const guidance::ContrastResult& r) {
  nlohmann::json line = {{"frameId", r.frameId}, {"timeS", r.timeS}};
  if (!r.status.isOk()) {
    line["status"] = r.status.message();
    return line;
  }
  const bool frozen = r.maskState == guidance::MaskState::Frozen;
  line["mask"] =
      frozen ? nlohmann::json{{"ageS", r.maskAgeS},
                              {"motionPx", {r.motion.dxPx * r.binning, r.motion.dyPx * r.binning}},
                              {"motionDeg", r.motion.angleDeg},
                              {"residualSigma", r.motion.residualSigma},
                              {"residualRatio", r.residualRatio},
                              {"registrationTrusted", r.registrationTrusted},
                              {"patientMoving", r.patientMoving},
                              {"evidenceHeld", r.evidenceHeld}}
             : nlohmann::json("collecting");
  line["contrast"] = {{"present", r.now.present},
                      {"areaMm2", r.now.areaMm2},
                      {"cranioCaudalMm", r.now.cranioCaudalMm},
                      {"accumulatedAreaMm2", r.total.areaMm2},
                      {"integrated", r.total.integratedDifference},
                      {"spacingKnown", r.mmPerAnalysisPx > 0},
                      {"scale", guidance::describe(r.scale)},
                      {"scaleEstimated", r.scale.estimated()},
                      {"maskMayHoldContrast", r.maskMayHoldContrast},
                      {"noiseLearnt", r.noiseLearnt},
                      {"fieldShare", r.fieldShare},
                      {"intensity", guidance::describe(r.intensity)}};
  line["pattern"] = {{"name", guidance::toString(r.pattern.pattern)},
                     {"confidence", r.pattern.confidence}};
  line["analysisMs"] = r.timesMs.total;
  line["alerts"] = r.pattern.intravascularAlert ? nlohmann::json::array({"intravascular-suspected"})
                                                : nlohmann::json::array();
  return line;
}

nlohmann::json needleLine(const guidance::AnalysisResult& a,
                          const std::optional<std::pair<double, double>>& target) {
  nlohmann::json line = {{"frameId", a.contrast.frameId}, {"timeS", a.contrast.timeS}};
  const guidance::NeedleObservation& n = a.needle;
  line["found"] = n.found;
  if (n.found) {
    line["tipPx"] = {n.tipPx.x, n.tipPx.y};
    line["hubPx"] = {n.hubPx.x, n.hubPx.y};
    line["axis"] = {n.axis.x, n.axis.y};
    line["lengthPx"] = n.lengthPx;
    line["confidence"] = n.confidence;
    line["contrastSigma"] = n.contrastSigma;
  }
  line["detectionMs"] = a.needleMs;
  if (target) {
    const guidance::TrajectoryPlan plan{cv::Point2d(target->first, target->second), std::nullopt};
    const auto reading = guidance::readTrajectory(plan, n, a.format);
    if (reading) {
      const auto& r = reading.value();
      line["trajectory"] = {{"tipToTargetMm", r.tipToTargetMm},
                            {"aheadMm", r.aheadMm},
                            {"missMm", r.missMm},
                            {"atIsocentre", r.atIsocentre}};
    } else {
      line["trajectory"] = {{"status", reading.status().message()}};
    }
  }
  return line;
}

nlohmann::json levelsLine(const guidance::AnalysisResult& a) {
  const guidance::LevelState& l = a.levels;
  nlohmann::json markers = nlohmann::json::array();
  for (const guidance::LevelMarker& m : l.markers) {
    markers.push_back({{"label", m.label},
                       {"centerPx", {m.centerPx.x, m.centerPx.y}},
                       {"correlation", m.correlation},
                       {"lost", m.lost}});
  }
  nlohmann::json line = {{"frameId", a.contrast.frameId},
                         {"timeS", a.contrast.timeS},
                         {"counting", guidance::nameOf(l.counting)},
                         {"lumbarCount", l.lumbarCount},
                         {"markers", markers},
                         {"trackingMs", a.levelsMs}};
  if (!l.problem.empty()) line["problem"] = l.problem;
  return line;
}

std::string snapshotName(uint64_t frameId) {
  char name[48];
  std::snprintf(name, sizeof name, "snapshot-%06llu.png", static_cast<unsigned long long>(frameId));
  return name;
}

}  // namespace

int runHeadless(const AppOptions& options) {
  if (auto status = makePrivateDir(options.outDir); !status) {
    spdlog::error("{}", status.message());
    return 1;
  }
  PipelineOptions pipelineOptions = options.pipeline;
  pipelineOptions.sourceSpec = resolveSourceSpec(options.sourceSpec.value_or(kDefaultSourceSpec));
  const bool testPattern = pipelineOptions.sourceSpec == capture::kTestPatternSpec;
  if (testPattern && options.frames < 0)
    pipelineOptions.source.frameCount = kTestPatternHeadlessFrames;
  core::Clock& clock = core::steadyClock();
  auto pipeline = LivePipeline::open(pipelineOptions, clock);
  if (!pipeline) {
    spdlog::error("cannot open the source: {}", pipeline.status().message());
    return 2;
  }
  auto& live = *pipeline.value();
  const auto& info = live.sourceInfo();
  auto offscreen =
      createOffscreenRenderer(options.viewWidth > 0 ? options.viewWidth : info.format.width,
                              options.viewHeight > 0 ? options.viewHeight : info.format.height);
  if (!offscreen) {
    spdlog::error("{}", offscreen.status().message());
    return 3;
  }
  render::ImageRenderer& renderer = *offscreen.value()->renderer;
  render::RenderTarget& target = offscreen.value()->target;
  spdlog::info("headless: {} on {}, writing to {}", info.description,
               offscreen.value()->context->description(), options.outDir.string());

  LiveDisplay display(clock);
  StatusTracker tracker;
  render::DisplaySettings settings;
  bool windowSet = false;
  render::OverlayList overlays;
  nlohmann::json snapshots = nlohmann::json::array();
  core::Status writeFailure = core::Status::ok();
  const int64_t waitNs = std::max<int64_t>(4 * info.framePeriodNs, 200'000'000);

  guidance::ResultRef latest;  // the newest analysis, for the level markers on snapshots
  uint64_t seenResult = 0;
  auto drawCurrent = [&](const StatusSnapshot& status, guidance::AnalysisThread& analysis) {
    if (auto newer = analysis.results().takeNewerThan(seenResult)) {
      seenResult = newer->sequence;
      latest = newer->value;
    }
    const auto view = renderer.viewFor(target, {});
    const core::FrameFormat& format = display.frame()->format();
    overlays.clear();
    render::addStandardAnnotations(overlays, view, format, status.stream);
    if (latest && !latest->levels.markers.empty()) {
      const std::optional<cv::Point2d> targetPx =
          options.targetPx
              ? std::optional(cv::Point2d(options.targetPx->first, options.targetPx->second))
              : std::nullopt;
      const bool current = overlayAgeS(latest->contrast, *display.frame()) <= kStaleOverlayS;
      addLevelOverlays(
          overlays, view, latest->levels.markers, std::nullopt, current,
          levelBanner(std::nullopt, suggestLevel(latest->levels, targetPx,
                                                 current ? &latest->needle : nullptr, format)));
    }
    renderer.draw(target, view, settings, overlays);
  };
  auto snapshot = [&]() {
    if (!writeFailure) return;
    const std::string name = snapshotName(display.frame()->id());
    auto status = writePng(target.readPixels(), options.outDir / name);
    if (!status) {
      writeFailure = status;
      spdlog::error("{}; no further snapshots", status.message());
      return;
    }
    snapshots.push_back({{"file", name}, {"frameId", display.frame()->id()}});
  };

  // The contrast analysis runs beside the display on every source; each analysed frame becomes a
  // JSON line (written on the analysis thread, flushed line by line).
  std::ofstream contrastLines(options.outDir / "contrast.jsonl", std::ios::trunc);
  std::ofstream needleLines(options.outDir / "needle.jsonl", std::ios::trunc);
  std::ofstream levelLines(options.outDir / "levels.jsonl", std::ios::trunc);
  uint64_t alerts = 0;
  guidance::AnalysisThread analysis(live.hub(), {}, [&](const guidance::AnalysisResult& a) {
    const guidance::ContrastResult& r = a.contrast;
    contrastLines << contrastLine(r).dump() << '\n' << std::flush;
    needleLines << needleLine(a, options.targetPx).dump() << '\n' << std::flush;
    levelLines << levelsLine(a).dump() << '\n' << std::flush;
    if (r.pattern.intravascularAlert) {
      ++alerts;
      spdlog::warn("ALERT: suspected intravascular uptake at frame {}", r.frameId);
    }
  });
  if (options.level) analysis.requestLevels(levelStartRequest(*options.level));
  // --record: every frame from the first, by id, into OUT/run.
  std::unique_ptr<record::Recorder> recorder;
  if (options.record) {
    recorder = std::make_unique<record::Recorder>(live.hub().history);
    if (auto status = recorder->start(options.outDir / "run", 1); !status) {
      spdlog::error("{}", status.message());
      return 1;
    }
  }
  analysis.start();
  live.start();
  uint64_t lastSnapshotId = 0;
  while (true) {
    const bool finished = live.capture().finished();
    if (!display.waitAndPoll(live.hub().display, waitNs)) {
      if (finished) break;
      continue;
    }
    renderer.upload(*display.frame());
    if (!windowSet) {
      settings.windowLevel = render::autoWindowLevel(*display.frame());
      windowSet = true;
    }
    drawCurrent(tracker.take(&live, display, clock.nowNs()), analysis);
    glFinish();  // the frame is on the (offscreen) screen now
    display.markPresented();
    // Snapshots of frames shown 1, 1 + N, 1 + 2N, ...
    if (options.snapshotEvery > 0 &&
        (display.framesShown() - 1) % static_cast<uint64_t>(options.snapshotEvery) == 0) {
      snapshot();
      lastSnapshotId = display.frame()->id();
    }
  }
  live.stop();
  analysis.stop();
  const record::RecorderStats recorded = recorder ? recorder->stop() : record::RecorderStats{};
  std::optional<record::RunExports> exports;
  core::Status overlayVideo = core::Status::ok();
  if (recorder && recorded.framesRecorded > 0) {
    // The run as DICOM, MP4 and a Slicer sequence beside it in the output folder.
    record::DicomSeries series;
    series.conversionType =
        record::conversionTypeFor(capture::isScenarioSpec(pipelineOptions.sourceSpec), info.format.pixelFormat);
    if (auto recordedRun = record::CineRun::open(options.outDir / "run"); !recordedRun) {
      spdlog::error("{}", recordedRun.status().message());
    } else {
      exports = record::exportRun(*recordedRun.value(), procedure::CaseInfo{}, series,
                                  options.outDir);
      if (!exports->allOk()) spdlog::error("export: {}", exports->summary());
      if (options.overlayVideo) {
        // The run analysed again from its first frame, with the plan and levels it started with.
        SavedPlan start;
        if (options.targetPx)
          start.plan.targetPx = cv::Point2d(options.targetPx->first, options.targetPx->second);
        if (options.level) start.levels = levelStartRequest(*options.level);
        // On a thread of its own: its GL context must not replace this thread's current one.
        std::thread([&] {
          overlayVideo = exportOverlayMp4(*recordedRun.value(), start,
                                          options.outDir / kOverlayMp4FileName);
        }).join();
        if (!overlayVideo) spdlog::error("{}", overlayVideo.message());
      }
    }
  }
  contrastLines.flush();
  const StatusSnapshot final = tracker.take(&live, display, clock.nowNs());
  if (display.frame() && display.frame()->id() != lastSnapshotId) {
    drawCurrent(final, analysis);
    snapshot();
  }

  const int64_t lastDeviceNs = display.frame() ? display.frame()->deviceNs() : core::kNoTimeNs;
  if (auto status = writeTruthIfSimulated(pipelineOptions.sourceSpec, lastDeviceNs, options.outDir);
      !status) {
    spdlog::error("{}", status.message());
    return 1;
  }

  // The plan of this run (target, level labels as last followed) beside its results.
  {
    PlanState plan;
    if (options.targetPx)
      plan.restore({cv::Point2d(options.targetPx->first, options.targetPx->second), std::nullopt},
                   0, {});
    if (auto newest = analysis.results().takeNewerThan(seenResult)) latest = newest->value;
    if (auto status = writePlanFile(
            options.outDir, planToJson(plan, latest ? latest->levels : guidance::LevelState{}));
        !status) {
      spdlog::error("{}", status.message());
      return 1;
    }
  }
  nlohmann::json run = statusToJson(final);
  if (recorder) {
    run["recording"] = {{"folder", "run"},       {"framesRecorded", recorded.framesRecorded},
                        {"gaps", recorded.gaps}, {"error", recorded.error}};
    auto one = [](const std::optional<record::RunExports>& e, core::Status record::RunExports::*what,
                  const char* file) {
      if (!e) return std::string("not exported");
      return ((*e).*what).isOk() ? std::string(file) : ((*e).*what).message();
    };
    run["recording"]["dicom"] = one(exports, &record::RunExports::dicom, record::kDicomFileName);
    run["recording"]["mp4"] = one(exports, &record::RunExports::mp4, record::kMp4FileName);
    run["recording"]["sequence"] =
        one(exports, &record::RunExports::sequence, record::kSequenceFileName);
    if (options.overlayVideo)
      run["recording"]["overlayVideo"] =
          exports && overlayVideo ? std::string(kOverlayMp4FileName) : overlayVideo.message();
  }
  run["renderer"] = offscreen.value()->context->description();
  run["snapshots"] = snapshots;
  run["analysis"] = {{"framesAnalysed", analysis.framesAnalysed()},
                     {"framesSkipped", analysis.framesSkipped()},
                     {"intravascularAlerts", alerts},
                     {"results", contrastLines ? "contrast.jsonl" : "(could not be written)"},
                     {"needle", needleLines ? "needle.jsonl" : "(could not be written)"},
                     {"levels", levelLines ? "levels.jsonl" : "(could not be written)"}};
  if (auto status = writeJson(run, options.outDir / "run.json"); !status) {
    spdlog::error("{}", status.message());
    return 1;
  }
  std::printf(
      "headless: %llu images from %s, %llu shown, %llu dropped; capture->present p50 %.2f ms, p99 "
      "%.2f ms; "
      "%zu snapshots and run.json in %s\n",
      static_cast<unsigned long long>(final.capture.imagesRead), info.description.c_str(),
      static_cast<unsigned long long>(final.framesShown),
      static_cast<unsigned long long>(final.capture.droppedPoolEmpty), final.latency.p50Ms,
      final.latency.p99Ms, snapshots.size(), options.outDir.string().c_str());
  if (final.capture.state == capture::CaptureState::Failed) {
    spdlog::error("the source failed: {}", final.captureError);
    return 2;
  }
  return writeFailure ? 0 : 1;
}

}  // namespace fg::app
