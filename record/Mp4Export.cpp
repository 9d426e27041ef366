#include "record/Mp4Export.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <vector>

namespace fg::record {
namespace {

cv::Mat pixelsOf(const CineFrame& f, std::vector<uint8_t>& bytes) {
  const int type = f.format.pixelFormat == core::PixelFormat::Gray16 ? CV_16UC1 : CV_8UC1;
  return cv::Mat(f.format.height, f.format.width, type, bytes.data());
}

}  // namespace

double runFramesPerSecond(const CineRun& run) {
  const auto& frames = run.frames();
  if (frames.size() < 2) return 15.0;
  const double seconds =
      static_cast<double>(frames.back().deviceNs - frames.front().deviceNs) / 1e9;
  return seconds > 0 ? static_cast<double>(frames.size() - 1) / seconds : 15.0;
}

core::Status writeMp4Frames(const std::filesystem::path& file, size_t count, double fps,
                            const std::function<core::Status(size_t, cv::Mat&)>& frame) {
  if (count == 0)
    return core::Status::error(core::StatusCode::OutOfRange, "MP4 export: no frame to write");
  cv::Mat first;
  if (auto status = frame(0, first); !status) return status;
  // H.264 wants even sizes.
  const cv::Size size(first.cols & ~1, first.rows & ~1);
  cv::VideoWriter writer(file.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('a', 'v', 'c', '1'),
                         fps, size, true);
  if (!writer.isOpened()) {
    return core::Status::error(
        core::StatusCode::Unsupported,
        "MP4 export: FFmpeg could not open an H.264 writer for " + file.string());
  }
  cv::Mat image = first;
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) {
      if (auto status = frame(i, image); !status) return status;
    }
    writer.write(image(cv::Rect(cv::Point(0, 0), size)));
  }
  writer.release();
  std::error_code ec;
  if (std::filesystem::file_size(file, ec) == 0 || ec) {
    return core::Status::error(core::StatusCode::Io,
                               "MP4 export: nothing was written to " + file.string());
  }
  return core::Status::ok();
}

core::Status exportMp4(const CineRun& run, const std::filesystem::path& file, const core::ViewOrientation& turn) {
  const auto& frames = run.frames();
  if (frames.empty())
    return core::Status::error(core::StatusCode::OutOfRange, "MP4 export: the run holds no frame");
  // One window for the whole loop, from its middle frame.
  const CineFrame& middle = frames[frames.size() / 2];
  std::vector<uint8_t> bytes(middle.format.byteCount());
  if (auto status = run.readPixels(frames.size() / 2, bytes.data()); !status) return status;
  cv::Mat values;
  pixelsOf(middle, bytes).convertTo(values, CV_32F);
  std::vector<float> sorted(values.begin<float>(), values.end<float>());
  std::sort(sorted.begin(), sorted.end());
  const double low = sorted[sorted.size() / 200],
               high = sorted[sorted.size() - 1 - sorted.size() / 200];
  const double scale = high > low ? 255.0 / (high - low) : 1.0;
  return writeMp4Frames(file, frames.size(), runFramesPerSecond(run), [&](size_t i, cv::Mat& out) {
    std::vector<uint8_t> pixels(frames[i].format.byteCount());
    if (auto status = run.readPixels(i, pixels.data()); !status) return status;
    cv::Mat gray;
    pixelsOf(frames[i], pixels).convertTo(gray, CV_8U, scale, -low * scale);
    applyTurn(turn, gray);
    cv::cvtColor(gray, out, cv::COLOR_GRAY2BGR);
    return core::Status::ok();
  });
}

void applyTurn(const core::ViewOrientation& turn, cv::Mat& image) {
  switch (turn.turns()) {
    case 1: cv::rotate(image, image, cv::ROTATE_90_CLOCKWISE); break;
    case 2: cv::rotate(image, image, cv::ROTATE_180); break;
    case 3: cv::rotate(image, image, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: break;
  }
  if (turn.flipHorizontal && turn.flipVertical) cv::flip(image, image, -1);
  else if (turn.flipHorizontal) cv::flip(image, image, 1);
  else if (turn.flipVertical) cv::flip(image, image, 0);
}

}  // namespace fg::record
