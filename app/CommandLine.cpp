#include <CLI/CLI.hpp>
#include <cstdio>
#include <regex>

#include "app/AppOptions.hpp"
#include "app/Settings.hpp"

namespace fg::app {
namespace {

// "1024x1024+128+0" -> crop rectangle.
bool parseCrop(const std::string& text, capture::CropRect& crop) {
  static const std::regex pattern(R"((\d+)x(\d+)\+(\d+)\+(\d+))");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return false;
  crop = {std::stoi(m[3]), std::stoi(m[4]), std::stoi(m[1]), std::stoi(m[2])};
  return true;
}

bool parseSize(const std::string& text, int& w, int& h) {
  static const std::regex pattern(R"((\d+)x(\d+))");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return false;
  w = std::stoi(m[1]);
  h = std::stoi(m[2]);
  return w > 0 && h > 0;
}

}  // namespace

guidance::LevelRequest levelStartRequest(const AppOptions::LevelStart& start) {
  guidance::LevelRequest request;
  request.kind = guidance::LevelRequest::Kind::FromOneVertebra;
  request.label = start.label;
  request.vertebraPx = {start.xPx, start.yPx};
  request.counting = start.counting;
  request.lumbarCount = start.lumbarCount;
  return request;
}

std::optional<int> parseCommandLine(int argc, char** argv, AppOptions& o) {
  CLI::App app{
      "FluoroGuide - real-time fluoroscopy guidance workstation.\n"
      "Without options it opens the workstation window on the last source used\n"
      "(the built-in simulated epidural case the first time)."};
  app.set_version_flag("--version", "FluoroGuide 0.1.0");
  std::string source, crop, captureSize, repeats, view;
  bool headless = false, loop = false, unpaced = false;

  app.add_flag("--headless", headless,
               "Run with no window: capture, draw offscreen, write PNG snapshots "
               "and run statistics into --out");
  app.add_option("--source", source,
                 "Scenario (.json, sim:NAME, or 'simulated', the default), case or run folder "
                 "(replay), DICOM cine (.dcm), video file, image folder, V4L2 device "
                 "(/dev/videoN or v4l2:N) or 'test-pattern'");
  app.add_option("--frames", o.frames, "Stop after this many images (default: the source's length)")
      ->check(CLI::PositiveNumber);
  app.add_option("--out", o.outDir, "Output folder of the headless mode (created owner-only)");
  app.add_option("--case", o.caseDir,
                 "Window: case folder the plan and level labels are saved in and reopened from "
                 "(created owner-only; "
                 "default: a new one under ~/.local/share/fluoroguide/cases)");
  app.add_option("--fps", o.pipeline.source.framesPerSecond,
                 "Frame rate of image folders (default 15) or override of a video's rate")
      ->check(CLI::Range(0.1, 1000.0));
  app.add_option("--mm-per-pixel", o.pipeline.source.mmPerPixel,
                 "Pixel spacing at the detector for sources that carry none")
      ->check(CLI::Range(0.001, 10.0));
  app.add_option("--crop", crop, "Image inside the video signal, WxH+X+Y (e.g. 1024x1024+128+0)");
  app.add_option("--fourcc", o.pipeline.source.fourcc, "V4L2 pixel format, e.g. YUYV, GREY, MJPG");
  app.add_option("--capture-size", captureSize, "V4L2 resolution, WxH (e.g. 1280x1024)");
  app.add_option("--repeats", repeats,
                 "Repeated frames between pulses: skip (default for grabbers) or keep")
      ->check(CLI::IsMember({"skip", "keep"}));
  app.add_option("--repeat-threshold", o.pipeline.capture.repeatThresholdGrey,
                 "Mean difference in grey levels below which a frame is a repeat (default 0.5)")
      ->check(CLI::Range(0.0, 50.0));
  app.add_flag("--loop", loop, "Start files again at their end");
  app.add_flag("--unpaced", unpaced,
               "Read files and folders as fast as possible instead of at their frame rate");
  app.add_option("--history", o.pipeline.historyFrames, "Frames kept for the recorder")
      ->check(CLI::Range(8, 4096));
  app.add_option("--config-dir", o.configDir, "Settings folder (default ~/.config/fluoroguide)");
  app.add_option("--screenshot", o.screenshot,
                 "Window mode: save a screenshot after --frames images and quit");
  std::string target;
  app.add_option("--target", target,
                 "A needle target at X,Y frame px (window plan; headless trajectory readings)");
  std::string level, counting = "sacrum";
  int lumbar = guidance::kUsualLumbarCount;
  app.add_option("--level", level,
                 "A vertebra named from the start, LABEL@X,Y frame px (e.g. L4@512,416): the "
                 "others are found and counted");
  app.add_option("--counting", counting,
                 "How the --level vertebra was identified: sacrum (default), rib or manual")
      ->check(CLI::IsMember({"sacrum", "rib", "manual"}));
  app.add_option("--lumbar", lumbar,
                 "Lumbar vertebrae of this spine (default 5; 4 or 6 with a transitional vertebra)")
      ->check(CLI::Range(guidance::kMinLumbarCount, guidance::kMaxLumbarCount));
  app.add_flag("--large-type", o.largeType, "Window: large type for the table-side screen (View menu too)");
  app.add_flag("--record", o.record, "Headless: record every frame of the run into OUT/run");
  app.add_flag("--overlay-video", o.overlayVideo,
               "Recorded runs also as run-overlays.mp4, the guidance drawn in (window: the "
               "'video with overlays' choice ticked)");
  app.add_option("--protocol", o.protocol,
                 "Window: the procedure's protocol, a file in assets/protocols (default epidurography)");
  app.add_flag("--plan3d", o.plan3d,
               "Window, simulated cases: place target and entry from the case's 3D plan, projected through the C-arm");
  app.add_option("--snapshot-every", o.snapshotEvery,
                 "Headless: snapshot every N frames shown (0: last only)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--view", view, "Headless: view size WxH (default: the frame's size)");

  CLI::App* bench = app.add_subcommand("bench",
                                       "Measure hand-off, upload, render and latency against a "
                                       "frame memcpy, at 512, 1024 and 2048 square 16-bit");
  bench->add_option("--json", o.benchJson, "Also write the figures as JSON");
  bench->add_flag("--guidance-only", o.benchGuidanceOnly,
                  "Only the whole per-frame guidance on the CT patient, through each imaging chain");
  bench->add_option("--sizes", o.benchSizes, "Frame sizes to measure")->check(CLI::Range(64, 8192));
  bench->add_option("--seconds", o.benchSeconds, "Seconds per latency measurement")
      ->check(CLI::Range(0.2, 60.0));

  CLI::App* eval = app.add_subcommand(
      "eval", "Run the analysis on simulated scenarios against their ground truth");
  CLI::App* evalContrast =
      eval->add_subcommand("contrast", "Contrast spread, pattern and intravascular alert");
  evalContrast->add_option("--json", o.benchJson, "Also write the figures as JSON");
  CLI::App* evalNeedle =
      eval->add_subcommand("needle", "Needle tip and axis, found and false needles");
  evalNeedle->add_option("--json", o.benchJson, "Also write the figures as JSON");
  for (CLI::App* e : {evalContrast, evalNeedle}) {
    e->add_option("--matrix", o.matrix,
                  "Judge every case of a scenario matrix (assets/scenarios/matrices/NAME.json, or a "
                  "file) instead of the evaluation's own cases");
    e->add_flag("--scenarios", o.withBundledScenarios,
                "Also judge every scenario in assets/scenarios (with --matrix default: the whole evaluation)");
  }
  CLI::App* evalRealData = eval->add_subcommand(
      "realdata", "The guidance on real images whose truth is known without a simulator (development data)");
  evalRealData->add_option("--dir", o.realDataDir, "The real images (default ../shared/realdata)");
  eval->require_subcommand(1);

  CLI::App* scenarios = app.add_subcommand(
      "scenarios", "List the simulated cases, expand a scenario matrix, run it with its ground "
                   "truth, or preview a frame");
  scenarios->fallthrough();  // --source may follow the subcommand
  scenarios->add_option("--matrix", o.matrix,
                        "Expand this matrix (assets/scenarios/matrices/NAME.json, or a file)");
  scenarios->add_option("--out", o.scenariosOut,
                        "Write each expanded case there as CASE.json (with --run: and its truth "
                        "in CASE/truth/, a preview in CASE/preview.png)");
  scenarios->add_flag("--run", o.scenariosRun, "Render every case headless with its ground truth");
  scenarios->add_option("--run-frames", o.scenariosRunFrames,
                        "With --run: only the first N pulses of each case (default: all)")
      ->check(CLI::PositiveNumber);
  scenarios->add_option("--preview", o.previewPng, "Write one frame of --source as a PNG");
  scenarios->add_option("--frame", o.previewFrame, "With --preview: the pulse (default: the middle)")
      ->check(CLI::NonNegativeNumber);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "fluoroguide: %s\n", message.c_str());
    return 2;
  };
  if (!crop.empty() && !parseCrop(crop, o.pipeline.source.crop))
    return fail("--crop must look like 1024x1024+128+0");
  if (!captureSize.empty() &&
      !parseSize(captureSize, o.pipeline.source.captureWidth, o.pipeline.source.captureHeight)) {
    return fail("--capture-size must look like 1280x1024");
  }
  if (!view.empty() && !parseSize(view, o.viewWidth, o.viewHeight))
    return fail("--view must look like 1024x768");
  if (!target.empty()) {
    double x = 0, y = 0;
    char comma = 0, extra = 0;
    if (std::sscanf(target.c_str(), "%lf%c%lf%c", &x, &comma, &y, &extra) != 3 || comma != ',' ||
        x < 0 || y < 0) {
      return fail("--target must look like 512.5,480 (frame px, not negative)");
    }
    o.targetPx = std::pair{x, y};
  }
  if (!level.empty()) {
    char label[8] = {};
    double x = 0, y = 0;
    char comma = 0, extra = 0;
    if (std::sscanf(level.c_str(), "%7[A-Z0-9]@%lf%c%lf%c", label, &x, &comma, &y, &extra) != 4 ||
        comma != ',' || x < 0 || y < 0) {
      return fail("--level must look like L4@512,416 (a label, then frame px, not negative)");
    }
    if (guidance::levelIndex(label, lumbar) < 0) {
      return fail("--level: '" + std::string(label) + "' is not a level from T11 to S1 with " +
                  std::to_string(lumbar) + " lumbar vertebrae");
    }
    o.level =
        AppOptions::LevelStart{label, x, y, guidance::levelCountingFromName(counting), lumbar};
  }
  if (!o.pipeline.source.fourcc.empty() && o.pipeline.source.fourcc.size() != 4) {
    return fail("--fourcc takes four characters, e.g. YUYV");
  }
  if (!repeats.empty()) {
    o.pipeline.capture.repeats =
        repeats == "skip" ? capture::RepeatPolicy::Skip : capture::RepeatPolicy::Keep;
  }
  if (unpaced) o.pipeline.source.pacing = capture::Pacing::AsFastAsPossible;
  o.pipeline.capture.atEnd = loop ? capture::EndPolicy::Loop : capture::EndPolicy::Stop;
  if (!source.empty()) o.sourceSpec = source;
  if (o.frames > 0) o.pipeline.capture.maxImages = static_cast<uint64_t>(o.frames);
  if (o.configDir.empty()) o.configDir = defaultConfigDir();
  o.mode = scenarios->parsed()      ? RunMode::Scenarios
           : bench->parsed()        ? RunMode::Bench
           : evalContrast->parsed() ? RunMode::EvalContrast
           : evalNeedle->parsed()   ? RunMode::EvalNeedle
           : evalRealData->parsed() ? RunMode::EvalRealData
           : headless               ? RunMode::Headless
                                    : RunMode::Window;
  if (o.mode == RunMode::Headless && o.outDir.empty()) return fail("--headless needs --out DIR");
  if (o.mode == RunMode::Scenarios && o.scenariosRun && (o.matrix.empty() || o.scenariosOut.empty())) {
    return fail("scenarios --run needs --matrix NAME and --out DIR");
  }
  if (o.mode == RunMode::Scenarios && !o.previewPng.empty() && !o.sourceSpec) {
    return fail("scenarios --preview needs --source (a scenario: sim:NAME or a file)");
  }
  return std::nullopt;
}

}  // namespace fg::app
