#include "app/EvalRealData.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "capture/DicomCineSource.hpp"
#include "core/FramePool.hpp"
#include "guidance/FrameAnalysis.hpp"

namespace fg::app {
namespace {

namespace fs = std::filesystem;

// The angiography run's header gives no frame rate: coronary runs are taken at 15 frames/s.
constexpr double kAngiographyFps = 15;
constexpr double kStaticRunFps = 7.5;
constexpr int kStaticRunFrames = 40;
// Quantum-like noise added to each frame of the film: as much as the real XA cines hold (their
// frames differ by 6.1-6.4 grey levels on average, a noise sigma of about 4 per frame).
constexpr double kRadiographNoiseLsb = 4.0;

struct RunResult {
  std::string name;
  int frames = 0;
  int contrastFrames = 0;  // frames reporting contrast (spread or a pattern)
  int needleFrames = 0;
  guidance::Pattern last = guidance::Pattern::Indeterminate;
  bool alert = false;
  double frameDifferenceLsb = -1;  // mean |frame - previous| (a static run: noise only)
};

core::FrameRef frameOf(core::FramePool& pool, const cv::Mat& gray8, uint64_t id, double fps,
                       const core::FrameFormat& base) {
  auto writer = pool.acquire();
  core::FrameFormat f = base;
  f.width = gray8.cols;
  f.height = gray8.rows;
  f.pixelFormat = core::PixelFormat::Gray8;
  f.bitsStored = 8;
  writer.setFormat(f);
  cv::Mat target(gray8.rows, gray8.cols, CV_8UC1, writer.bytes().data());
  gray8.copyTo(target);
  const auto t = static_cast<int64_t>(static_cast<double>(id) / fps * 1e9);
  writer.stamp(id, t, t);
  return std::move(writer).publish();
}

RunResult analyse(const std::string& name, const std::vector<cv::Mat>& frames, double fps, const core::FrameFormat& base) {
  RunResult out;
  out.name = name;
  if (frames.empty()) return out;
  core::FramePool pool(4, frames.front().total());
  guidance::FrameAnalysis analysis{guidance::AnalyzerSettings{}};
  double diff = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    const auto result = analysis.analyse(*frameOf(pool, frames[i], i, fps, base), nullptr);
    const guidance::ContrastResult& c = result->contrast;
    ++out.frames;
    if (c.now.present || c.pattern.pattern != guidance::Pattern::Indeterminate) ++out.contrastFrames;
    if (result->needle.found) ++out.needleFrames;
    out.last = c.pattern.pattern;
    out.alert = out.alert || c.pattern.intravascularAlert;
    if (i > 0) {
      cv::Mat d;
      cv::absdiff(frames[i], frames[i - 1], d);
      diff += cv::mean(d)[0];
    }
  }
  out.frameDifferenceLsb = frames.size() > 1 ? diff / static_cast<double>(frames.size() - 1) : 0;
  return out;
}

core::Result<std::vector<cv::Mat>> readFolder(const fs::path& folder) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    if (e.path().extension() == ".jpg" || e.path().extension() == ".png") files.push_back(e.path());
  }
  if (ec || files.empty()) return core::Status::error(core::StatusCode::NotFound, folder.string() + ": no images");
  std::sort(files.begin(), files.end());
  std::vector<cv::Mat> frames;
  for (const fs::path& f : files) {
    cv::Mat g = cv::imread(f.string(), cv::IMREAD_GRAYSCALE);
    if (g.empty()) return core::Status::error(core::StatusCode::Unreadable, f.string() + ": not an image");
    frames.push_back(g);
  }
  return frames;
}

core::Result<std::vector<cv::Mat>> readCine(const fs::path& file, core::FrameFormat* format) {
  auto cine = capture::openDicomCine(file);
  if (!cine) return cine.status();
  capture::FrameSequence& s = *cine.value();
  *format = s.format();
  std::vector<cv::Mat> frames;
  std::vector<uint8_t> bytes(s.format().byteCount());
  for (size_t i = 0; i < s.frameCount(); ++i) {
    if (auto status = s.readFrame(i, bytes); !status) return status;
    const int type = s.format().pixelFormat == core::PixelFormat::Gray16 ? CV_16UC1 : CV_8UC1;
    cv::Mat m(s.format().height, s.format().width, type, bytes.data()), gray;
    if (type == CV_16UC1) m.convertTo(gray, CV_8UC1, 255.0 / s.format().maxValue());
    else gray = m.clone();
    frames.push_back(gray);
  }
  return frames;
}

// A film played as a static fluoroscopy run: bone dark (a radiograph shows it bright), and
// quantum-like noise on every frame.
std::vector<cv::Mat> staticRun(const cv::Mat& film) {
  cv::Mat fluoro = 255 - film;
  std::vector<cv::Mat> frames;
  cv::RNG rng(15);
  for (int i = 0; i < kStaticRunFrames; ++i) {
    cv::Mat noise(fluoro.size(), CV_32FC1), f;
    rng.fill(noise, cv::RNG::NORMAL, 0, kRadiographNoiseLsb);
    fluoro.convertTo(f, CV_32FC1);
    cv::Mat(f + noise).convertTo(f, CV_8UC1);
    frames.push_back(f);
  }
  return frames;
}

}  // namespace

int runEvalRealData(const AppOptions& options) {
  spdlog::set_level(spdlog::level::warn);
  const fs::path dir = options.realDataDir;
  std::printf("real images from %s (development data)\n\n", dir.c_str());
  std::printf("%-36s %7s %10s %10s %-14s %6s %10s  %s\n", "run", "frames", "contrast", "needle", "pattern", "alert",
              "|dF| LSB", "result");
  bool allPass = true;
  auto report = [&](const RunResult& r, const std::string& why) {
    allPass = allPass && why.empty();
    std::printf("%-36s %7d %10d %10d %-14s %6s %10.2f  %s\n", r.name.c_str(), r.frames, r.contrastFrames, r.needleFrames,
                std::string(guidance::toString(r.last)).c_str(), r.alert ? "yes" : "no", r.frameDifferenceLsb,
                why.empty() ? "pass" : ("FAIL: " + why).c_str());
    std::fflush(stdout);
  };
  // The clinical angiography run: intravascular.
  {
    auto frames = readFolder(dir / "angiography" / "run1");
    if (!frames) {
      spdlog::error("{}", frames.status().message());
      return 2;
    }
    core::FrameFormat f;
    f.mmPerPixelX = f.mmPerPixelY = 0.308;  // Imager Pixel Spacing of the run's header
    f.magnification = 1.6139;               // its Estimated Radiographic Magnification Factor
    const RunResult r = analyse("angiography/run1 (coronary, contrast)", frames.value(), kAngiographyFps, f);
    std::string why;
    if (r.last != guidance::Pattern::Intravascular) why += "not called intravascular; ";
    if (!r.alert) why += "no intravascular alert; ";
    report(r, why);
  }
  // The static phantom cines: no contrast.
  for (const char* name : {"xa_gedl_phantom_IM5.dcm", "xa_gedl_phantom_IM6.dcm"}) {
    core::FrameFormat f;
    auto frames = readCine(dir / "xa" / name, &f);
    if (!frames) {
      spdlog::error("{}", frames.status().message());
      return 2;
    }
    const RunResult r = analyse(std::string("xa/") + name + " (static phantom)", frames.value(), kStaticRunFps, f);
    std::string why;
    if (r.contrastFrames > 0) why += "contrast reported on a static run; ";
    report(r, why);
  }
  // The radiographs as static runs: no contrast, no needle.
  for (const char* name : {"lspine_2023_AP_supine.jpg", "lspine_2023_lateral.jpg"}) {
    const cv::Mat film = cv::imread((dir / "radiographs" / name).string(), cv::IMREAD_GRAYSCALE);
    if (film.empty()) {
      spdlog::error("{}: not readable", (dir / "radiographs" / name).string());
      return 2;
    }
    const RunResult r = analyse(std::string("radiographs/") + name + " (static)", staticRun(film), kStaticRunFps, {});
    std::string why;
    if (r.contrastFrames > 0) why += "contrast reported on a static run; ";
    if (r.needleFrames > 0) why += "a needle where there is none; ";
    report(r, why);
  }
  std::printf("\n%s\n", allPass ? "all real-data checks met" : "some real-data checks fall short (see FAIL above)");
  return allPass ? 0 : 1;
}

}  // namespace fg::app
