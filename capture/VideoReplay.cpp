#include "capture/VideoReplay.hpp"

#include <opencv2/videoio.hpp>

#include "capture/DecodedFrameCache.hpp"
#include "capture/GrayCopy.hpp"
#include "capture/PlaybackSource.hpp"
#include "capture/VideoFileSource.hpp"

namespace fg::capture {
namespace {

class VideoSequence final : public FrameSequence {
 public:
  VideoSequence(std::filesystem::path path, const SourceOptions& options)
      : path_(std::move(path)), options_(options) {}

  // False when the file cannot be read by frame number (then it plays straight through).
  bool open() {
    if (!capture_.open(path_.string(), cv::CAP_FFMPEG) || !capture_.isOpened()) return false;
    const double count = capture_.get(cv::CAP_PROP_FRAME_COUNT);
    if (!(count >= 1) || !capture_.read(picture_) || picture_.empty()) return false;
    auto format = grayFormatFor(picture_, options_.crop);
    if (!format) return false;
    format_ = format.value();
    format_.mmPerPixelX = format_.mmPerPixelY = options_.mmPerPixel;
    double fps = videoFramesPerSecond(capture_, options_);
    if (fps == 0) fps = kDefaultVideoFps;
    periodNs_ = static_cast<int64_t>(1e9 / fps);
    count_ = static_cast<size_t>(count);
    next_ = 1;
    timeline_.segments.push_back({path_.filename().string(), 0, count_});
    description_ =
        "Video " + path_.filename().string() + " (" + std::to_string(count_) + " frames)";
    return true;
  }

  const core::FrameFormat& format() const override { return format_; }
  size_t frameCount() const override { return count_; }
  int64_t frameTimeNs(size_t index) const override {
    return static_cast<int64_t>(index) * periodNs_;
  }
  const ReplayTimeline& timeline() const override { return timeline_; }
  const std::string& description() const override { return description_; }

  core::Status readFrame(size_t index, std::span<uint8_t> into) override {
    if (index >= count_)
      return core::Status::error(core::StatusCode::OutOfRange,
                                 "video " + path_.string() + ": no frame " + std::to_string(index));
    if (index + 1 != next_ || picture_.empty()) {  // not the frame decoded last
      if (index != next_) capture_.set(cv::CAP_PROP_POS_FRAMES, static_cast<double>(index));
      if (!capture_.read(picture_) || picture_.empty()) {
        next_ = static_cast<size_t>(-1);  // seek on the next read
        return core::Status::error(core::StatusCode::Corrupt,
                                   "video " + path_.string() + ": frame " +
                                       std::to_string(index + 1) + " does not decode");
      }
      next_ = index + 1;
    }
    return copyAsGray(picture_, options_.crop, format_, into);
  }

 private:
  std::filesystem::path path_;
  SourceOptions options_;
  cv::VideoCapture capture_;
  cv::Mat picture_;  // the frame decoded last (next_ - 1)
  core::FrameFormat format_;
  int64_t periodNs_ = 0;
  size_t count_ = 0, next_ = 0;
  ReplayTimeline timeline_;
  std::string description_;
};

}  // namespace

core::Result<std::unique_ptr<FrameSource>> openVideoReplay(const std::filesystem::path& path,
                                                           const SourceOptions& options) {
  auto onDemand = std::make_unique<VideoSequence>(path, options);
  auto background = std::make_unique<VideoSequence>(path, options);
  if (!onDemand->open() || !background->open()) return openVideoFile(path, options);
  return makePlaybackSource(cacheDecodedFrames(std::move(onDemand), std::move(background)),
                            SourceKind::VideoFile, options);
}

}  // namespace fg::capture
