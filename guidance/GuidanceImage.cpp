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

// Mean of each 2x2 block as float, in one pass over the integers, with the raw range seen.
template <class Pixel>
cv::Mat bin2x2(const cv::Mat& raw, double* lo, double* hi) {
  cv::Mat out(raw.rows / 2, raw.cols / 2, CV_32FC1);
  Pixel smallest = std::numeric_limits<Pixel>::max(), largest = 0;
  for (int y = 0; y < out.rows; ++y) {
    const Pixel* a = raw.ptr<Pixel>(2 * y);
    const Pixel* b = raw.ptr<Pixel>(2 * y + 1);
    float* o = out.ptr<float>(y);
    for (int x = 0; x < out.cols; ++x) {
      const Pixel p0 = a[2 * x], p1 = a[2 * x + 1], p2 = b[2 * x], p3 = b[2 * x + 1];
      smallest = std::min({smallest, p0, p1, p2, p3});
      largest = std::max({largest, p0, p1, p2, p3});
      o[x] = 0.25f * (static_cast<float>(p0) + p1 + p2 + p3);
    }
  }
  *lo = smallest;
  *hi = largest;
  return out;
}

}  // namespace

core::Result<cv::Mat> toFloat(const core::Frame& frame, int binning) {
  const auto& f = frame.format();
  if (!f.valid()) return core::Status::error(core::StatusCode::Corrupt, "frame has no valid format");
  const bool wide = f.pixelFormat == core::PixelFormat::Gray16;
  cv::Mat raw(f.height, f.width, wide ? CV_16UC1 : CV_8UC1, const_cast<uint8_t*>(frame.bytes().data()));
  double lo = 0, hi = 0;
  cv::Mat out;
  if (binning == 2 && f.width >= 2 && f.height >= 2) {
    // The analysis' usual case, in one pass (the general path reads the frame three times).
    out = wide ? bin2x2<uint16_t>(raw, &lo, &hi) : bin2x2<uint8_t>(raw, &lo, &hi);
  } else {
    if (binning > 1) {
      cv::Mat binned;
      cv::resize(raw, binned, cv::Size(f.width / binning, f.height / binning), 0, 0, cv::INTER_AREA);
      raw = binned;
    }
    cv::minMaxLoc(raw, &lo, &hi);
    raw.convertTo(out, CV_32F);
  }
  if (hi - lo < 1) {
    return core::Status::error(core::StatusCode::Corrupt,
                               "frame " + std::to_string(frame.id()) + " is blank (every pixel " +
                                   std::to_string(static_cast<int>(lo)) + "): beam off or saturated");
  }
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
