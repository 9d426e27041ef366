#include "capture/VideoFileSource.hpp"

#include <opencv2/videoio.hpp>
#include <spdlog/spdlog.h>

namespace fg::capture {
namespace {

class VideoFileSource final : public FrameSource {
 public:
  VideoFileSource(std::filesystem::path path, const SourceOptions& options)
      : path_(std::move(path)), options_(options) {}

  core::Status open() {
    std::error_code ec;
    if (!std::filesystem::exists(path_, ec)) {
      return fail(core::StatusCode::NotFound, "video file '" + path_.string() + "' does not exist");
    }
    if (!std::filesystem::is_regular_file(path_, ec)) {
      return fail(core::StatusCode::Unreadable, "'" + path_.string() + "' is not a regular file");
    }
    if (!capture_.open(path_.string(), cv::CAP_FFMPEG) || !capture_.isOpened()) {
      return fail(core::StatusCode::Corrupt, "cannot open video file '" + path_.string() +
                                                 "': not a video FFmpeg can decode");
    }
    if (!capture_.read(picture_) || picture_.empty()) {
      return fail(core::StatusCode::Corrupt,
                  "video file '" + path_.string() + "' has no decodable frame (corrupt or empty)");
    }
    auto format = grayFormatFor(picture_, options_.crop);
    if (!format) return fail(format.status().code(), "video file '" + path_.string() + "': " +
                                                         format.status().message());
    info_.kind = SourceKind::VideoFile;
    info_.description = "Video file " + path_.filename().string();
    info_.format = format.value();
    info_.format.mmPerPixelX = info_.format.mmPerPixelY = options_.mmPerPixel;
    info_.format.intensity = core::PixelIntensity::Display;  // a recorded monitor signal
    double fps = videoFramesPerSecond(capture_, options_);
    if (fps == 0) {
      spdlog::warn("video file {}: no usable frame rate in the file, playing at {} fps",
                   path_.filename().string(), kDefaultVideoFps);
      fps = kDefaultVideoFps;
    }
    info_.framePeriodNs = static_cast<int64_t>(1e9 / fps);
    info_.pacing = options_.pacing == Pacing::Invalid ? Pacing::FramePeriod : options_.pacing;
    const double count = capture_.get(cv::CAP_PROP_FRAME_COUNT);
    info_.frameCount = count > 0 ? static_cast<int64_t>(count) : -1;
    havePending_ = true;
    return core::Status::ok();
  }

  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }

  ReadResult read(std::span<uint8_t> into) override {
    if (!havePending_) {
      if (!capture_.read(picture_) || picture_.empty()) {
        if (info_.frameCount > 0 && delivered_ + 1 < info_.frameCount) {
          error_ = "video file '" + path_.string() + "' stopped decoding at frame " +
                   std::to_string(delivered_) + " of " + std::to_string(info_.frameCount) +
                   " (truncated or corrupt)";
          return {ReadStatus::Failed, core::kNoTimeNs};
        }
        return {ReadStatus::EndOfStream, core::kNoTimeNs};
      }
    }
    havePending_ = false;
    const auto status = copyAsGray(picture_, options_.crop, info_.format, into);
    if (!status) {
      error_ = "video file '" + path_.string() + "': " + status.message();
      return {ReadStatus::Failed, core::kNoTimeNs};
    }
    ++delivered_;
    const double ms = capture_.get(cv::CAP_PROP_POS_MSEC);
    return {ReadStatus::Frame, ms >= 0 ? core::msToNs(ms) : core::kNoTimeNs};
  }

  core::Status rewind() override {
    // Seeking is not reliable in every container; reopening is.
    capture_.release();
    delivered_ = 0;
    const SourceInfo before = info_;
    auto status = open();
    if (status && !(info_.format == before.format)) {
      return fail(core::StatusCode::Corrupt, "video file '" + path_.string() + "' changed shape");
    }
    return status;
  }

 private:
  core::Status fail(core::StatusCode code, std::string message) {
    error_ = message;
    return core::Status::error(code, std::move(message));
  }

  std::filesystem::path path_;
  SourceOptions options_;
  SourceInfo info_;
  std::string error_;
  cv::VideoCapture capture_;
  cv::Mat picture_;
  bool havePending_ = false;
  int64_t delivered_ = 0;
};

}  // namespace

double videoFramesPerSecond(cv::VideoCapture& video, const SourceOptions& options) {
  const double fps =
      options.framesPerSecond > 0 ? options.framesPerSecond : video.get(cv::CAP_PROP_FPS);
  return fps > 0.1 && fps < 1000.0 ? fps : 0.0;
}

core::Result<std::unique_ptr<FrameSource>> openVideoFile(const std::filesystem::path& path,
                                                         const SourceOptions& options) {
  auto source = std::make_unique<VideoFileSource>(path, options);
  if (auto status = source->open(); !status) return status;
  return std::unique_ptr<FrameSource>(std::move(source));
}

}  // namespace fg::capture
