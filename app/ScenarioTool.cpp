#include "app/ScenarioTool.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <vector>

#include "app/AssetPaths.hpp"
#include "app/OutputFiles.hpp"
#include "sim/GroundTruth.hpp"
#include "sim/ScenarioMatrix.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::app {
std::vector<std::string> bundledScenarioNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(assetDir() / "scenarios", ec)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

namespace {

// One frame as an 8-bit picture: 8-bit frames as they are, 16-bit ones windowed as a monitor
// would show them (the darkest and brightest half per cent of the exposed field clipped).
cv::Mat picture(const sim::SimulatedPatient& patient, const std::vector<uint8_t>& frame) {
  const core::FrameFormat f = patient.format();
  if (f.pixelFormat == core::PixelFormat::Gray8) {
    return cv::Mat(f.height, f.width, CV_8UC1, const_cast<uint8_t*>(frame.data())).clone();
  }
  const cv::Mat wide(f.height, f.width, CV_16UC1, const_cast<uint8_t*>(frame.data()));
  std::vector<uint16_t> exposed;
  for (int y = 0; y < wide.rows; y += 4) {
    for (int x = 0; x < wide.cols; x += 4) {
      if (wide.at<uint16_t>(y, x) > 0) exposed.push_back(wide.at<uint16_t>(y, x));  // not collimated black
    }
  }
  double lo = 0, hi = f.maxValue();
  if (exposed.size() > 100) {
    std::sort(exposed.begin(), exposed.end());
    lo = exposed[exposed.size() / 50];
    hi = std::max(lo + 1, static_cast<double>(exposed[exposed.size() - 1 - exposed.size() / 200]));
  }
  cv::Mat out;
  wide.convertTo(out, CV_8UC1, 255.0 / (hi - lo), -lo * 255.0 / (hi - lo));
  return out;
}

int listScenarios() {
  std::vector<std::filesystem::path> files;
  for (const std::string& name : bundledScenarioNames()) files.push_back(assetDir() / "scenarios" / (name + ".json"));
  std::printf("%-40s %-10s %-18s %-8s %s\n", "scenario (sim:NAME)", "anatomy", "detector", "output", "name");
  for (const auto& file : files) {
    auto s = sim::loadScenario(file);
    if (!s) {
      std::printf("%-40s %s\n", file.stem().c_str(), s.status().message().c_str());
      continue;
    }
    std::printf("%-40s %-10s %-18s %-8s %s\n", file.stem().c_str(), std::string(sim::toString(s.value().model)).c_str(),
                std::string(sim::toString(s.value().chain.detector)).c_str(),
                s.value().output == sim::SimOutput::Video ? "video" : "detector", s.value().name.c_str());
  }
  std::printf("\nmatrices (--matrix NAME):");
  for (const auto& entry : std::filesystem::directory_iterator(assetDir() / "scenarios" / "matrices")) {
    if (entry.path().extension() == ".json") std::printf(" %s", entry.path().stem().c_str());
  }
  std::printf("\n");
  return 0;
}

int preview(const AppOptions& options) {
  auto scenario = sim::loadScenario(resolveSourceSpec(*options.sourceSpec));
  if (!scenario) {
    std::fprintf(stderr, "fluoroguide: %s\n", scenario.status().message().c_str());
    return 2;
  }
  auto patient = sim::SimulatedPatient::create(scenario.value());
  if (!patient) {
    std::fprintf(stderr, "fluoroguide: %s\n", patient.status().message().c_str());
    return 2;
  }
  sim::SimulatedPatient& p = *patient.value();
  const int index = options.previewFrame >= 0 ? std::min(options.previewFrame, p.frameCount() - 1) : p.frameCount() / 2;
  std::vector<uint8_t> frame(p.format().byteCount());
  p.renderFrame(index, frame);
  if (!cv::imwrite(options.previewPng.string(), picture(p, frame))) {
    std::fprintf(stderr, "fluoroguide: cannot write %s\n", options.previewPng.c_str());
    return 1;
  }
  std::printf("%s: pulse %d of %d (%.2f s) of %s\n", options.previewPng.c_str(), index, p.frameCount(),
              p.frameTimeS(index), scenario.value().name.c_str());
  return 0;
}

// Renders one case (or its first `frames` pulses) and writes its truth and a preview.
core::Status runCase(const sim::MatrixCase& c, const std::filesystem::path& dir, int frames) {
  auto patient = sim::SimulatedPatient::create(c.scenario);
  if (!patient) return patient.status();
  sim::SimulatedPatient& p = *patient.value();
  const int count = frames > 0 ? std::min(frames, p.frameCount()) : p.frameCount();
  std::vector<uint8_t> frame(p.format().byteCount());
  for (int i = 0; i < count; ++i) p.renderFrame(i, frame);
  if (auto s = makePrivateDir(dir); !s.isOk()) return s;
  if (auto s = sim::writeGroundTruth(p, count, dir / "truth"); !s.isOk()) return s;
  if (!cv::imwrite((dir / "preview.png").string(), picture(p, frame))) {
    return core::Status::error(core::StatusCode::Io, "cannot write " + (dir / "preview.png").string() + " (disk full?)");
  }
  return core::Status::ok();
}

int matrix(const AppOptions& options) {
  auto cases = matrixCases(options.matrix);
  if (!cases) {
    std::fprintf(stderr, "fluoroguide: %s\n", cases.status().message().c_str());
    return 2;
  }
  if (!options.scenariosOut.empty()) {
    if (auto s = makePrivateDir(options.scenariosOut); !s.isOk()) {
      std::fprintf(stderr, "fluoroguide: %s\n", s.message().c_str());
      return 1;
    }
  }
  std::printf("%-66s %-10s %-18s %-8s %-8s %6s\n", "case", "anatomy", "detector", "encoding", "output", "pulses");
  int failed = 0;
  for (const auto& c : cases.value()) {
    const sim::Scenario& s = c.scenario;
    std::printf("%-66s %-10s %-18s %-8s %-8s %6.2f", c.name.c_str(), std::string(sim::toString(s.model)).c_str(),
                std::string(sim::toString(s.chain.detector)).c_str(), std::string(sim::toString(s.chain.encoding)).c_str(),
                s.output == sim::SimOutput::Video ? "video" : "detector", s.pulsesPerSecond);
    if (!options.scenariosOut.empty()) {
      std::ofstream out(options.scenariosOut / (c.name + ".json"), std::ios::trunc);
      out << c.json << '\n';
      if (!out) {
        std::fprintf(stderr, "\nfluoroguide: cannot write %s (disk full?)\n", (options.scenariosOut / (c.name + ".json")).c_str());
        return 1;
      }
    }
    if (options.scenariosRun) {
      const auto status = runCase(c, options.scenariosOut / c.name, options.scenariosRunFrames);
      std::printf("  %s", status.isOk() ? "ran, truth written" : status.message().c_str());
      if (!status.isOk()) ++failed;
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  std::printf("%zu cases%s\n", cases.value().size(), failed ? (", " + std::to_string(failed) + " failed").c_str() : "");
  return failed ? 1 : 0;
}

}  // namespace

std::filesystem::path resolveMatrix(const std::string& nameOrFile) {
  if (nameOrFile.find('/') == std::string::npos && nameOrFile.find(".json") == std::string::npos) {
    return assetDir() / "scenarios" / "matrices" / (nameOrFile + ".json");
  }
  return nameOrFile;
}

core::Result<std::vector<sim::MatrixCase>> matrixCases(const std::string& nameOrFile) {
  return sim::expandMatrix(resolveMatrix(nameOrFile), assetDir() / "scenarios");
}

int runScenarioTool(const AppOptions& options) {
  spdlog::set_level(spdlog::level::warn);
  if (!options.previewPng.empty()) return preview(options);
  if (!options.matrix.empty()) return matrix(options);
  return listScenarios();
}

}  // namespace fg::app
