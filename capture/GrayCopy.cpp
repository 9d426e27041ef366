#include "capture/GrayCopy.hpp"

#include <opencv2/imgproc.hpp>
#include <string>

namespace fg::capture {
namespace {

cv::Rect cropFor(const cv::Mat& picture, const CropRect& crop) {
  if (crop.isFull()) return {0, 0, picture.cols, picture.rows};
  return {crop.x, crop.y, crop.width, crop.height};
}

}  // namespace

core::Result<core::FrameFormat> grayFormatFor(const cv::Mat& picture, const CropRect& crop) {
  if (picture.empty()) return core::Status::error(core::StatusCode::Corrupt, "empty picture");
  const int depth = picture.depth();
  if (depth != CV_8U && depth != CV_16U) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "pixel depth " + std::to_string(depth) + " is not 8 or 16 bit");
  }
  const int channels = picture.channels();
  if (channels != 1 && channels != 3 && channels != 4) {
    return core::Status::error(core::StatusCode::Unsupported,
                               std::to_string(channels) + " channels (need 1, 3 or 4)");
  }
  const cv::Rect rect = cropFor(picture, crop);
  if (rect.x < 0 || rect.y < 0 || rect.width <= 0 || rect.height <= 0 ||
      rect.x + rect.width > picture.cols || rect.y + rect.height > picture.rows) {
    return core::Status::error(
        core::StatusCode::OutOfRange,
        "crop " + std::to_string(rect.width) + "x" + std::to_string(rect.height) + "+" +
            std::to_string(rect.x) + "+" + std::to_string(rect.y) + " does not fit inside the " +
            std::to_string(picture.cols) + "x" + std::to_string(picture.rows) + " picture");
  }
  core::FrameFormat format;
  format.width = rect.width;
  format.height = rect.height;
  format.pixelFormat = depth == CV_16U ? core::PixelFormat::Gray16 : core::PixelFormat::Gray8;
  format.bitsStored = depth == CV_16U ? 16 : 8;
  return format;
}

core::Status copyAsGray(const cv::Mat& picture, const CropRect& crop, const core::FrameFormat& format,
                        std::span<uint8_t> into) {
  const cv::Rect rect = cropFor(picture, crop);
  const int wantDepth = format.pixelFormat == core::PixelFormat::Gray16 ? CV_16U : CV_8U;
  if (rect.width != format.width || rect.height != format.height || picture.depth() != wantDepth ||
      rect.x + rect.width > picture.cols || rect.y + rect.height > picture.rows) {
    return core::Status::error(core::StatusCode::Corrupt,
                               "picture changed shape: " + std::to_string(picture.cols) + "x" +
                                   std::to_string(picture.rows) + ", expected " +
                                   std::to_string(format.width) + "x" +
                                   std::to_string(format.height) + " inside it");
  }
  if (into.size() < format.byteCount()) {
    return core::Status::error(core::StatusCode::OutOfRange, "frame buffer too small");
  }
  cv::Mat target(format.height, format.width, CV_MAKETYPE(wantDepth, 1), into.data());
  const cv::Mat roi = picture(rect);
  switch (picture.channels()) {
    case 1: roi.copyTo(target); break;
    case 3: cv::cvtColor(roi, target, cv::COLOR_BGR2GRAY); break;
    case 4: cv::cvtColor(roi, target, cv::COLOR_BGRA2GRAY); break;
    default:
      return core::Status::error(core::StatusCode::Unsupported, "unsupported channel count");
  }
  return core::Status::ok();
}

}  // namespace fg::capture
