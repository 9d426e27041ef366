#include "app/OutputFiles.hpp"

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace fg::app {
namespace fs = std::filesystem;

core::Status writePng(const render::RgbaImage& image, const fs::path& path) {
  cv::Mat rgba(image.height, image.width, CV_8UC4, const_cast<uint8_t*>(image.rgba.data()));
  cv::Mat bgr;
  cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
  const fs::path temp = path.string() + ".tmp.png";
  bool ok = false;
  try {
    ok = cv::imwrite(temp.string(), bgr);
  } catch (const cv::Exception&) {
    ok = false;
  }
  std::error_code ec;
  if (ok) fs::rename(temp, path, ec);
  if (!ok || ec) {
    fs::remove(temp, ec);
    return core::Status::error(core::StatusCode::Io, "cannot write " + path.string() + " (disk full or read-only?)");
  }
  return core::Status::ok();
}

nlohmann::json statusToJson(const StatusSnapshot& s) {
  const auto& f = s.format;
  return {
      {"source", s.source},
      {"frame", {{"width", f.width}, {"height", f.height}, {"bitsStored", f.bitsStored},
                 {"mmPerPixel", f.hasSpacing() ? nlohmann::json(f.mmPerPixelX) : nlohmann::json(nullptr)}}},
      {"capture", {{"state", capture::toString(s.capture.state)},
                   {"imagesRead", s.capture.imagesRead},
                   {"framesPublished", s.capture.framesPublished},
                   {"droppedPoolEmpty", s.capture.droppedPoolEmpty},
                   {"repeatsSkipped", s.capture.repeatsSkipped},
                   {"readFailures", s.capture.readFailures},
                   {"reopenAttempts", s.capture.reopenAttempts},
                   {"lastError", s.captureError}}},
      {"display", {{"framesShown", s.framesShown},
                   {"unshownOverwritten", s.displayOverwritten},
                   {"latencyCaptureToPresentMs",
                    {{"samples", s.latency.count}, {"p50", s.latency.p50Ms}, {"p99", s.latency.p99Ms},
                     {"max", s.latency.maxMs}, {"mean", s.latency.meanMs}}}}},
      {"history", {{"evicted", s.historyEvicted}}},
  };
}

}  // namespace fg::app
