#pragma once
// Copies a decoded OpenCV image (gray or colour, 8 or 16 bit) into a frame's bytes as gray,
// cropped to a rectangle. Writing through a Mat header over the frame memory means OpenCV does not
// allocate once the sizes are settled.

#include <opencv2/core.hpp>
#include <span>

#include "core/FrameFormat.hpp"
#include "core/Status.hpp"

namespace fg::capture {

// Region of the incoming picture that holds the image, in source pixels; width 0 = everything.
// (A C-arm video output is 1280x1024 with the 1024x1024 image inside it.)
struct CropRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
  bool isFull() const { return width <= 0 || height <= 0; }
};

// The frame format that copyAsGray produces for `picture` cropped by `crop`, or why not.
core::Result<core::FrameFormat> grayFormatFor(const cv::Mat& picture, const CropRect& crop);

// `format` must be the one grayFormatFor returned for a picture of the same shape.
core::Status copyAsGray(const cv::Mat& picture, const CropRect& crop, const core::FrameFormat& format,
                        std::span<uint8_t> into);

}  // namespace fg::capture
