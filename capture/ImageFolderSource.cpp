#include "capture/ImageFolderSource.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <opencv2/imgcodecs.hpp>
#include <vector>

namespace fg::capture {
namespace {

constexpr double kDefaultFps = 15.0;

bool isImageFile(const std::filesystem::path& path) {
  static constexpr std::array kExtensions = {".png", ".tif", ".tiff", ".pgm", ".pnm",
                                             ".jpg", ".jpeg", ".bmp"};
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

class ImageFolderSource final : public FrameSource {
 public:
  ImageFolderSource(std::filesystem::path folder, std::vector<std::filesystem::path> files,
                    const SourceOptions& options)
      : folder_(std::move(folder)), files_(std::move(files)), options_(options) {}

  core::Status open() {
    picture_ = cv::imread(files_.front().string(), cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
    if (picture_.empty()) {
      error_ = "image '" + files_.front().string() + "' cannot be decoded (corrupt or unsupported)";
      return core::Status::error(core::StatusCode::Corrupt, error_);
    }
    auto format = grayFormatFor(picture_, options_.crop);
    if (!format) {
      error_ = "image '" + files_.front().string() + "': " + format.status().message();
      return core::Status::error(format.status().code(), error_);
    }
    info_.kind = SourceKind::ImageFolder;
    info_.description = "Image folder " + folder_.filename().string() + " (" +
                        std::to_string(files_.size()) + " images)";
    info_.format = format.value();
    info_.format.mmPerPixelX = info_.format.mmPerPixelY = options_.mmPerPixel;
    const double fps = options_.framesPerSecond > 0 ? options_.framesPerSecond : kDefaultFps;
    info_.framePeriodNs = static_cast<int64_t>(1e9 / fps);
    info_.pacing = options_.pacing == Pacing::Invalid ? Pacing::FramePeriod : options_.pacing;
    info_.frameCount = static_cast<int64_t>(files_.size());
    havePending_ = true;
    return core::Status::ok();
  }

  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }

  ReadResult read(std::span<uint8_t> into) override {
    if (next_ >= files_.size()) return {ReadStatus::EndOfStream, core::kNoTimeNs};
    const auto& file = files_[next_];
    if (!havePending_) {
      picture_ = cv::imread(file.string(), cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR);
      if (picture_.empty()) {
        error_ = "image '" + file.string() + "' cannot be decoded (corrupt or unsupported)";
        return {ReadStatus::Failed, core::kNoTimeNs};
      }
    }
    havePending_ = false;
    if (auto status = copyAsGray(picture_, options_.crop, info_.format, into); !status) {
      error_ = "image '" + file.string() + "' does not match the folder's first image: " +
               status.message();
      return {ReadStatus::Failed, core::kNoTimeNs};
    }
    ++next_;
    return {ReadStatus::Frame, core::kNoTimeNs};
  }

  core::Status rewind() override {
    next_ = 0;
    havePending_ = false;
    return core::Status::ok();
  }

 private:
  std::filesystem::path folder_;
  std::vector<std::filesystem::path> files_;
  SourceOptions options_;
  SourceInfo info_;
  std::string error_;
  cv::Mat picture_;
  size_t next_ = 0;
  bool havePending_ = false;
};

}  // namespace

core::Result<std::unique_ptr<FrameSource>> openImageFolder(const std::filesystem::path& folder,
                                                           const SourceOptions& options) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) {
    return core::Status::error(core::StatusCode::NotFound,
                               "image folder '" + folder.string() + "' does not exist");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (entry.is_regular_file() && isImageFile(entry.path())) files.push_back(entry.path());
  }
  if (ec) {
    return core::Status::error(core::StatusCode::Unreadable,
                               "cannot list image folder '" + folder.string() + "': " + ec.message());
  }
  if (files.empty()) {
    return core::Status::error(core::StatusCode::NotFound,
                               "image folder '" + folder.string() +
                                   "' holds no PNG, TIFF, PGM, JPEG or BMP images");
  }
  std::sort(files.begin(), files.end());
  auto source = std::make_unique<ImageFolderSource>(folder, std::move(files), options);
  if (auto status = source->open(); !status) return status;
  return std::unique_ptr<FrameSource>(std::move(source));
}

}  // namespace fg::capture
