#include "capture/V4l2Source.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <opencv2/videoio.hpp>

namespace fg::capture {
namespace {

core::Status checkDeviceNode(const std::string& device) {
  struct stat st {};
  if (::stat(device.c_str(), &st) != 0) {
    const int err = errno;
    if (err == ENOENT) {
      return core::Status::error(core::StatusCode::NotFound,
                                 "V4L2 device '" + device +
                                     "' does not exist (is the frame grabber plugged in?)");
    }
    return core::Status::error(core::StatusCode::Unreadable,
                               "V4L2 device '" + device + "': " + std::strerror(err));
  }
  if (!S_ISCHR(st.st_mode)) {
    return core::Status::error(core::StatusCode::Unreadable,
                               "'" + device + "' is not a video device (not a character device)");
  }
  return core::Status::ok();
}

class V4l2Source final : public FrameSource {
 public:
  V4l2Source(std::string device, const SourceOptions& options)
      : device_(std::move(device)), options_(options) {}

  core::Status open() {
    if (auto status = checkDeviceNode(device_); !status) return remember(status);
    // OpenCV waits 10 s for a frame from a silent device by default, and the capture thread could
    // not be stopped meanwhile. A C-arm video output sends frames continuously (repeats between
    // pulses), so one second without any means the signal is gone. The user's own value wins.
    ::setenv("OPENCV_VIDEOIO_V4L_SELECT_TIMEOUT", "1", 0);
    if (!capture_.open(device_, cv::CAP_V4L2) || !capture_.isOpened()) {
      return remember(core::Status::error(
          core::StatusCode::Unreadable,
          "cannot open V4L2 device '" + device_ + "' (busy, no permission, or not a capture device)"));
    }
    if (options_.fourcc.size() == 4) {
      const auto& f = options_.fourcc;
      capture_.set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc(f[0], f[1], f[2], f[3]));
    }
    if (options_.captureWidth > 0) capture_.set(cv::CAP_PROP_FRAME_WIDTH, options_.captureWidth);
    if (options_.captureHeight > 0) capture_.set(cv::CAP_PROP_FRAME_HEIGHT, options_.captureHeight);
    if (!capture_.read(picture_) || picture_.empty()) {
      return remember(core::Status::error(core::StatusCode::DeviceLost,
                                          "V4L2 device '" + device_ +
                                              "' opened but delivered no frame (no signal?)"));
    }
    auto format = grayFormatFor(picture_, options_.crop);
    if (!format) {
      return remember(core::Status::error(format.status().code(),
                                          "V4L2 device '" + device_ + "': " + format.status().message()));
    }
    format.value().mmPerPixelX = format.value().mmPerPixelY = options_.mmPerPixel;
    format.value().intensity = core::PixelIntensity::Display;  // a grabbed monitor signal
    if (info_.format.valid() && !(format.value() == info_.format)) {
      return remember(core::Status::error(core::StatusCode::Unsupported,
                                          "V4L2 device '" + device_ + "' came back in another format"));
    }
    info_.kind = SourceKind::V4l2;
    info_.description = "V4L2 " + device_;
    info_.format = format.value();
    const double fps = capture_.get(cv::CAP_PROP_FPS);
    info_.framePeriodNs = fps > 0 ? static_cast<int64_t>(1e9 / fps) : 0;
    info_.pacing = Pacing::SourceBlocks;
    info_.canReopen = true;
    info_.deliversRepeats = true;
    havePending_ = true;
    return core::Status::ok();
  }

  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }

  ReadResult read(std::span<uint8_t> into) override {
    if (!havePending_ && (!capture_.read(picture_) || picture_.empty())) {
      error_ = "V4L2 device '" + device_ + "' stopped delivering frames (unplugged or no signal)";
      return {ReadStatus::Failed, core::kNoTimeNs};
    }
    havePending_ = false;
    if (auto status = copyAsGray(picture_, options_.crop, info_.format, into); !status) {
      error_ = "V4L2 device '" + device_ + "': " + status.message();
      return {ReadStatus::Failed, core::kNoTimeNs};
    }
    // The driver's buffer time stamp, in ms on the kernel's monotonic clock.
    const double ms = capture_.get(cv::CAP_PROP_POS_MSEC);
    return {ReadStatus::Frame, ms > 0 ? core::msToNs(ms) : core::kNoTimeNs};
  }

  core::Status reopen() override {
    capture_.release();
    return open();
  }

 private:
  core::Status remember(core::Status status) {
    error_ = status.message();
    return status;
  }

  std::string device_;
  SourceOptions options_;
  SourceInfo info_;
  std::string error_;
  cv::VideoCapture capture_;
  cv::Mat picture_;
  bool havePending_ = false;
};

}  // namespace

core::Result<std::unique_ptr<FrameSource>> openV4l2(const std::string& device,
                                                    const SourceOptions& options) {
  auto source = std::make_unique<V4l2Source>(device, options);
  if (auto status = source->open(); !status) return status;
  return std::unique_ptr<FrameSource>(std::move(source));
}

}  // namespace fg::capture
