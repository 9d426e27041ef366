#include "app/EvalContrast.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "app/AssetPaths.hpp"
#include "app/OutputFiles.hpp"
#include "app/ScenarioTool.hpp"
#include "app/SimulatedRun.hpp"
#include "sim/ScenarioMatrix.hpp"
#include "guidance/FrameAnalysis.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::app {
namespace {

constexpr double kSettleS = 1.0;  // Dice is averaged from this long after the first arrival on
// An intravascular run's spread is scored around its peak (the truth's largest area), this long
// either side: a vessel fills and washes out, so a mean from the arrival on would mostly score the
// washout.
constexpr double kPeakHalfWidthS = 0.5;
constexpr double kMinPeakDice = 0.50;  // vessels are thin: an outline off by a pixel halves them

struct CaseSpec {
  std::string scenario;
  double minDice;  // 0: not scored for Dice
  const sim::Scenario* inline_ = nullptr;  // a matrix case (else loaded by name)
};

struct CaseResult {
  std::string scenario;
  sim::ContrastPattern truth = sim::ContrastPattern::Invalid;
  guidance::Pattern predicted = guidance::Pattern::Indeterminate;
  double confidence = 0;
  double meanDice = 0;
  int diceFrames = 0;
  double minDice = 0;
  double peakDice = -1;        // intravascular: mean Dice within kPeakHalfWidthS of the peak
  double firstArrivalS = -1;   // ground truth
  double alertAtS = -1;        // time of the alert
  double maskFrozenAtS = -1;   // when automatic masking saw the contrast arrive
  int earlyFrames = 0;         // frames with contrast reported before any was in the image
  bool pass = true;
  std::string why;
};

guidance::Pattern expected(sim::ContrastPattern p) {
  switch (p) {
    case sim::ContrastPattern::Epidural: return guidance::Pattern::Epidural;
    case sim::ContrastPattern::Intravascular: return guidance::Pattern::Intravascular;
    case sim::ContrastPattern::Intrathecal: return guidance::Pattern::Intrathecal;
    default: return guidance::Pattern::Indeterminate;
  }
}

core::Result<CaseResult> evaluate(const CaseSpec& spec) {
  auto opened = spec.inline_ ? SimulatedRun::open(*spec.inline_) : SimulatedRun::open(spec.scenario);
  if (!opened) return opened.status();
  SimulatedRun& run = *opened.value();
  sim::SimulatedPatient& patient = run.patient();
  const sim::Scenario& scenario = run.scenario();
  // The product's analysis as the live view runs it (the needle's tip says where contrast arrives).
  guidance::FrameAnalysis analysis{guidance::AnalyzerSettings{}};
  CaseResult out;
  out.scenario = spec.scenario;
  out.minDice = spec.minDice;
  out.truth = scenario.injection ? scenario.injection->pattern : sim::ContrastPattern::Invalid;
  std::vector<uint8_t> truthMask;
  double diceSum = 0;
  struct Scored {
    double timeS;
    int truthPx;
    double dice;
  };
  std::vector<Scored> vessel;  // intravascular runs: every frame the truth shows contrast
  const bool intravascular = out.truth == sim::ContrastPattern::Intravascular;
  for (int i = 0; i < patient.frameCount(); ++i) {
    const core::FrameRef frame = run.frame(i);
    const double t = patient.frameTimeS(i);
    const auto analysed = analysis.analyse(*frame, nullptr);
    const guidance::ContrastResult& r = analysed->contrast;

    patient.contrastMask(i, truthMask);
    const cv::Mat onDetector(scenario.pose.detectorRows, scenario.pose.detectorColumns, CV_8UC1,
                             truthMask.data());
    // The truth where the frame shows it (a video signal holds the detector image inside it).
    cv::Mat truth = onDetector;
    if (frame->format().width != onDetector.cols || frame->format().height != onDetector.rows) {
      truth = cv::Mat::zeros(frame->format().height, frame->format().width, CV_8UC1);
      const auto offset = patient.maskOffsetPx();
      const int w = static_cast<int>(std::lround(onDetector.cols * patient.maskScale()));
      const int h = static_cast<int>(std::lround(onDetector.rows * patient.maskScale()));
      cv::resize(onDetector, truth(cv::Rect(offset[0], offset[1], w, h)), cv::Size(w, h), 0, 0, cv::INTER_NEAREST);
    }
    const bool truthPresent = cv::countNonZero(truth) > 0;
    if (truthPresent && out.firstArrivalS < 0) out.firstArrivalS = t;
    if (r.maskState == guidance::MaskState::Frozen && out.maskFrozenAtS < 0) out.maskFrozenAtS = t;
    if (r.pattern.intravascularAlert) out.alertAtS = t;
    const bool reported = r.now.present || r.pattern.pattern != guidance::Pattern::Indeterminate;
    if (reported && out.firstArrivalS < 0) ++out.earlyFrames;
    out.predicted = r.pattern.pattern;
    out.confidence = r.pattern.confidence;
    const bool scored = spec.minDice > 0 && truthPresent && out.firstArrivalS >= 0 && t - out.firstArrivalS >= kSettleS;
    if (scored || (intravascular && truthPresent)) {
      cv::Mat found = cv::Mat::zeros(truth.size(), CV_8UC1);
      if (!r.spread.empty()) cv::resize(r.spread, found, truth.size(), 0, 0, cv::INTER_NEAREST);
      const double d = guidance::dice(found, truth);
      if (scored) {
        diceSum += d;
        ++out.diceFrames;
      }
      if (intravascular) vessel.push_back({t, cv::countNonZero(truth), d});
    }
  }
  out.meanDice = out.diceFrames > 0 ? diceSum / out.diceFrames : 0;
  if (!vessel.empty()) {
    const auto peak = std::max_element(vessel.begin(), vessel.end(),
                                       [](const Scored& a, const Scored& b) { return a.truthPx < b.truthPx; });
    double sum = 0;
    int n = 0;
    for (const Scored& s : vessel) {
      if (std::abs(s.timeS - peak->timeS) <= kPeakHalfWidthS) sum += s.dice, ++n;
    }
    out.peakDice = sum / n;
    if (out.peakDice < kMinPeakDice) {
      out.pass = false;
      out.why += "Dice at the vessel's peak below " + std::to_string(kMinPeakDice).substr(0, 4) + "; ";
    }
  }
  if (spec.minDice > 0 && out.meanDice < spec.minDice) {
    out.pass = false;
    out.why += "Dice below " + std::to_string(spec.minDice).substr(0, 4) + "; ";
  }
  if (out.truth == sim::ContrastPattern::Intravascular &&
      !(out.alertAtS >= out.firstArrivalS && out.alertAtS - out.firstArrivalS <= 0.5)) {
    out.pass = false;
    out.why += "intravascular not flagged within 0.5 s; ";
  }
  if (const guidance::Pattern want = expected(out.truth);
      want != guidance::Pattern::Indeterminate && out.predicted != want) {
    out.pass = false;
    out.why += "pattern called " + std::string(guidance::toString(out.predicted)) + "; ";
  }
  if ((out.truth == sim::ContrastPattern::Epidural || out.truth == sim::ContrastPattern::Invalid) &&
      out.alertAtS >= 0) {
    out.pass = false;
    out.why += "false intravascular alarm; ";
  }
  if (out.earlyFrames > 0) {
    out.pass = false;
    out.why += "contrast reported in " + std::to_string(out.earlyFrames) + " frames before any was injected; ";
  }
  if (out.truth == sim::ContrastPattern::Invalid && out.predicted != guidance::Pattern::Indeterminate) {
    out.pass = false;
    out.why += "contrast reported where none was injected; ";
  }
  return out;
}

}  // namespace

int runEvalContrast(const AppOptions& options) {
  spdlog::set_level(spdlog::level::warn);
  std::vector<CaseSpec> cases = {
      {"l4-5-interlaminar-epidural", 0.90},
      {"l4-5-epidural-lateral", 0.90},
      {"l4-5-epidural-patient-motion", 0.90},
      {"l4-5-epidural-low-dose", 0.80},
      {"l5-s1-transforaminal-intravascular", 0},
      {"l3-4-intrathecal", 0.90},
      {"l4-5-subdural", 0},
  };
  std::vector<sim::MatrixCase> matrix;
  // Dice where the spread has an outline to score: epidural and intrathecal runs, 0.85 (0.80 at low
  // dose and on 8-bit video) across the chains; the first wave's own cases above keep their 0.90.
  const auto diceFloor = [](const sim::Scenario& s) {
    const bool outlined = s.injection && (s.injection->pattern == sim::ContrastPattern::Epidural ||
                                          s.injection->pattern == sim::ContrastPattern::Intrathecal);
    return outlined ? (s.dose.photonsPerPixel < 400 || s.chain.encoding == sim::PixelEncoding::Video ||
                       s.output == sim::SimOutput::Video ? 0.80 : 0.85)
                    : 0.0;
  };
  if (!options.matrix.empty()) {
    auto expanded = matrixCases(options.matrix);
    if (!expanded) {
      spdlog::error("{}", expanded.status().message());
      return 2;
    }
    matrix = std::move(expanded.value());
    cases.clear();
    for (const sim::MatrixCase& c : matrix) cases.push_back({c.name, diceFloor(c.scenario), &c.scenario});
  }
  if (options.withBundledScenarios) {
    if (options.matrix.empty()) cases.clear();
    for (const std::string& name : bundledScenarioNames()) {
      auto run = SimulatedRun::open(name);
      if (!run) {
        spdlog::error("{}", run.status().message());
        return 2;
      }
      cases.push_back({name, diceFloor(run.value()->scenario())});
    }
  }
  const int width = matrix.empty() && !options.withBundledScenarios ? 36 : 78;
  std::printf("%-*s %-14s %-14s %5s %7s %7s %8s %8s %8s %9s %5s  %s\n", width, "scenario", "truth", "found", "conf",
              "Dice", "frames", "peak IV", "arrive s", "mask s", "IV alert", "early", "result");
  std::map<std::string, std::map<std::string, int>> confusion;
  nlohmann::json rows = nlohmann::json::array();
  bool allPass = true;
  for (const CaseSpec& spec : cases) {
    auto result = evaluate(spec);
    if (!result) {
      spdlog::error("{}", result.status().message());
      return 2;
    }
    const CaseResult& r = result.value();
    char alert[32] = "-";
    if (r.alertAtS >= 0) std::snprintf(alert, sizeof alert, "%+.2f s", r.alertAtS - r.firstArrivalS);
    std::printf("%-*s %-14s %-14s %5.2f %7s %7d %8s %8.2f %8.2f %9s %5d  %s%s\n", width, r.scenario.c_str(),
                std::string(sim::toString(r.truth)).c_str(), std::string(guidance::toString(r.predicted)).c_str(),
                r.confidence, r.minDice > 0 ? std::to_string(r.meanDice).substr(0, 5).c_str() : "-", r.diceFrames,
                r.peakDice >= 0 ? std::to_string(r.peakDice).substr(0, 5).c_str() : "-", r.firstArrivalS, r.maskFrozenAtS, alert, r.earlyFrames, r.pass ? "pass" : "FAIL: ", r.why.c_str());
    std::fflush(stdout);
    allPass = allPass && r.pass;
    ++confusion[std::string(sim::toString(r.truth))][std::string(guidance::toString(r.predicted))];
    rows.push_back({{"scenario", r.scenario}, {"truth", sim::toString(r.truth)},
                    {"found", guidance::toString(r.predicted)}, {"confidence", r.confidence},
                    {"meanDice", r.meanDice}, {"diceFrames", r.diceFrames}, {"minDice", r.minDice},
                    {"peakIntravascularDice", r.peakDice},
                    {"firstArrivalS", r.firstArrivalS}, {"maskFrozenAtS", r.maskFrozenAtS},
                    {"intravascularAlertAtS", r.alertAtS}, {"earlyFrames", r.earlyFrames},
                    {"pass", r.pass}});
  }
  std::printf("\npattern confusion (rows: truth, columns: found)\n%-14s", "");
  const char* found[] = {"epidural", "intravascular", "intrathecal", "indeterminate"};
  for (const char* c : found) std::printf(" %14s", c);
  std::printf("\n");
  for (const auto& [truth, row] : confusion) {
    std::printf("%-14s", truth.c_str());
    for (const char* c : found) std::printf(" %14d", row.count(c) ? row.at(c) : 0);
    std::printf("\n");
  }
  if (!options.benchJson.empty()) {
    if (auto status = writeJson({{"contrast", rows}}, options.benchJson); !status) spdlog::error("{}", status.message());
  }
  std::printf("\n%s\n", allPass ? "all figures met" : "some figures fall short (see FAIL above)");
  return allPass ? 0 : 1;
}

}  // namespace fg::app
