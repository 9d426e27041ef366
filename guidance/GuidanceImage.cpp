#include "guidance/GuidanceImage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {

namespace {

// Mean of each N x N block as float, on the integers: the N rows of a block are summed across the
// whole width first (a pass the compiler vectorises), then N neighbours of that sum. The
// remainder of fewer than N rows or columns is left out.
template <class Pixel, int N>
cv::Mat binBlocks(const cv::Mat& raw) {
  cv::Mat out(raw.rows / N, raw.cols / N, CV_32FC1);
  const int width = out.cols * N;
  std::vector<uint32_t> rowSums(static_cast<size_t>(width));
  constexpr float kMean = 1.0f / (N * N);
  for (int y = 0; y < out.rows; ++y) {
    uint32_t* __restrict sums = rowSums.data();
    const Pixel* __restrict first = raw.ptr<Pixel>(N * y);
    for (int x = 0; x < width; ++x) sums[x] = first[x];
    for (int k = 1; k < N; ++k) {
      const Pixel* __restrict row = raw.ptr<Pixel>(N * y + k);
      for (int x = 0; x < width; ++x) sums[x] += row[x];
    }
    float* __restrict o = out.ptr<float>(y);
    for (int x = 0; x < out.cols; ++x) {
      uint32_t block = 0;
      for (int j = 0; j < N; ++j) block += sums[N * x + j];
      o[x] = kMean * static_cast<float>(block);
    }
  }
  return out;
}

// The frame binned (N x N blocks kept whole).
template <class Pixel>
cv::Mat binned(const cv::Mat& raw, int binning) {
  const cv::Mat used = raw(cv::Rect(0, 0, raw.cols / binning * binning, raw.rows / binning * binning));
  switch (binning) {
    case 2: return binBlocks<Pixel, 2>(used);
    case 3: return binBlocks<Pixel, 3>(used);
    case 4: return binBlocks<Pixel, 4>(used);
    default: break;
  }
  cv::Mat small = used, out;
  if (binning > 1) cv::resize(used, small, cv::Size(used.cols / binning, used.rows / binning), 0, 0, cv::INTER_AREA);
  small.convertTo(out, CV_32F);
  return out;
}

// Whether every pixel holds the same value (it stops at the first that differs: on an image, within
// a few pixels).
template <class Pixel>
bool allOneValue(const cv::Mat& raw) {
  const Pixel first = raw.at<Pixel>(0, 0);
  for (int y = 0; y < raw.rows; ++y) {
    const Pixel* row = raw.ptr<Pixel>(y);
    for (int x = 0; x < raw.cols; ++x) {
      if (row[x] != first) return false;
    }
  }
  return true;
}

}  // namespace

core::Result<cv::Mat> toFloat(const core::Frame& frame, int binning) {
  const auto& f = frame.format();
  if (!f.valid()) return core::Status::error(core::StatusCode::Corrupt, "frame has no valid format");
  const bool wide = f.pixelFormat == core::PixelFormat::Gray16;
  cv::Mat raw(f.height, f.width, wide ? CV_16UC1 : CV_8UC1, const_cast<uint8_t*>(frame.bytes().data()));
  if (binning < 1 || f.width < binning || f.height < binning) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "frame " + std::to_string(f.width) + "x" + std::to_string(f.height) +
                                   " cannot be binned " + std::to_string(binning) + "x" + std::to_string(binning));
  }
  if (wide ? allOneValue<uint16_t>(raw) : allOneValue<uint8_t>(raw)) {
    const int value = wide ? raw.at<uint16_t>(0, 0) : raw.at<uint8_t>(0, 0);
    return core::Status::error(core::StatusCode::Corrupt,
                               "frame " + std::to_string(frame.id()) + " is blank (every pixel " +
                                   std::to_string(value) + "): beam off or saturated");
  }
  const cv::Mat out = wide ? binned<uint16_t>(raw, binning) : binned<uint8_t>(raw, binning);
  return out;
}

core::Status checkComparable(const core::FrameFormat& a, const core::FrameFormat& b) {
  if (a.width != b.width || a.height != b.height) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "frame size changed from " + std::to_string(a.width) + "x" + std::to_string(a.height) +
                                   " to " + std::to_string(b.width) + "x" + std::to_string(b.height) +
                                   ": take a new mask");
  }
  if (a.pixelFormat != b.pixelFormat || a.bitsStored != b.bitsStored) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "pixel format changed (" + std::to_string(a.bitsStored) + "-bit to " +
                                   std::to_string(b.bitsStored) + "-bit): take a new mask");
  }
  const auto differs = [](double x, double y) { return std::abs(x - y) > 1e-6 * std::max({1.0, std::abs(x), std::abs(y)}); };
  if (a.intensity != b.intensity || differs(a.displayGamma, b.displayGamma)) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "pixel encoding changed (" + std::string(core::toString(a.intensity)) + " to " +
                                   std::string(core::toString(b.intensity)) + "): take a new mask");
  }
  if (differs(a.mmPerPixelX, b.mmPerPixelX) || differs(a.mmPerPixelY, b.mmPerPixelY) ||
      differs(a.magnification, b.magnification)) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "pixel spacing or magnification changed (a zoom, another field size): take a new mask");
  }
  return core::Status::ok();
}

double estimateNoiseSigma(const core::Frame& frame) {
  const auto& f = frame.format();
  if (!f.valid()) return 0;
  const int type = f.pixelFormat == core::PixelFormat::Gray16 ? CV_16UC1 : CV_8UC1;
  const cv::Mat raw(f.height, f.width, type, const_cast<uint8_t*>(frame.bytes().data()));
  // Every 8th row is plenty (the estimate samples about 64 rows anyway).
  cv::Mat rows;
  for (int y = 0; y < raw.rows; y += 8) rows.push_back(raw.row(y));
  cv::Mat asFloat;
  rows.convertTo(asFloat, CV_32F);
  return estimateNoiseSigma(asFloat);
}

double estimateNoiseSigma(const cv::Mat& image) { return estimateNoiseSigma(image, cv::Mat()); }

double estimateNoiseSigma(const cv::Mat& image, const cv::Mat& field) {
  // Second differences (a - 2b + c) remove smooth anatomy and gradients and keep the noise, times
  // sqrt(6); the median of their magnitude ignores the few edges.
  // About 8000 samples (64 rows x 128 columns) put the median within about 1.5 %.
  const int rowStep = std::max(1, image.rows / 64), columnStep = std::max(3, image.cols / 128);
  const bool masked = field.size() == image.size();
  std::vector<float> diffs, all;
  diffs.reserve(static_cast<size_t>((image.rows / rowStep + 1) * (image.cols / columnStep + 1)));
  for (int y = 0; y < image.rows; y += rowStep) {
    const float* row = image.ptr<float>(y);
    const uint8_t* in = masked ? field.ptr<uint8_t>(y) : nullptr;
    for (int x = 2; x < image.cols; x += columnStep) {
      const float d = std::abs(row[x] - 2 * row[x - 1] + row[x - 2]);
      if (in == nullptr || (in[x] != 0 && in[x - 2] != 0)) {
        diffs.push_back(d);
      } else {
        all.push_back(d);
      }
    }
  }
  if (masked && diffs.size() < 500) diffs.insert(diffs.end(), all.begin(), all.end());
  // For Gaussian noise the median of |d| is 0.6745 times its sigma, sqrt(6) sigma.
  return medianInPlace(diffs) / (0.6745 * std::sqrt(6.0));
}

}  // namespace fg::guidance
