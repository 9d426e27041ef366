#include "guidance/NoiseModel.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {

constexpr int kSampleStep = 2;        // every 2nd pixel each way: plenty, and a quarter of the work
constexpr size_t kMinBandSamples = 64;
constexpr float kNewFrameWeight = 0.3f;  // the running average follows the last few frames
// The smallest sigma of any band: a quarter of the raw unit (an 8-bit feed's quantisation, after
// binning and smoothing), so that a clipped or noiseless band is never a zero threshold.
constexpr float kFloorRaw = 0.3f, kFloorSmoothed = 0.15f;
constexpr int kMapReduction = 4;

float robustSigma(std::vector<float>& values) {
  // About zero (the background was removed), but not exactly: the MAD about the median.
  const double centre = medianInPlace(values);
  for (float& v : values) v = std::abs(v - static_cast<float>(centre));
  return static_cast<float>(kMadToSigma * medianInPlace(values));
}

}  // namespace

int NoiseModel::bandOf(float value) const {
  return std::clamp(static_cast<int>((value - lo_) / bandWidth_), 0, kBands - 1);
}

void NoiseModel::learn(const cv::Mat& raw, const cv::Mat& smoothed, const cv::Mat& reference, const cv::Mat& field) {
  const bool masked = !field.empty() && field.size() == raw.size();
  if (frames_ == 0) {
    double lo = 0, hi = 0;
    cv::minMaxLoc(reference, &lo, &hi, nullptr, nullptr, masked ? field : cv::noArray());
    lo_ = lo;
    bandWidth_ = std::max((hi - lo) / kBands, 1e-6);
  }
  std::vector<std::vector<float>> rawSamples(kBands), smoothSamples(kBands);
  for (int y = 0; y < raw.rows; y += kSampleStep) {
    const float* d = raw.ptr<float>(y);
    const float* s = smoothed.ptr<float>(y);
    const float* r = reference.ptr<float>(y);
    const uint8_t* f = masked ? field.ptr<uint8_t>(y) : nullptr;
    for (int x = 0; x < raw.cols; x += kSampleStep) {
      if (f != nullptr && f[x] == 0) continue;
      const auto b = static_cast<size_t>(bandOf(r[x]));
      rawSamples[b].push_back(d[x]);
      smoothSamples[b].push_back(s[x]);
    }
  }
  for (size_t b = 0; b < kBands; ++b) {
    if (rawSamples[b].size() < kMinBandSamples) continue;
    const float r = std::max(kFloorRaw, robustSigma(rawSamples[b]));
    const float s = std::max(kFloorSmoothed, robustSigma(smoothSamples[b]));
    if (seen_[b] == 0) {
      raw_[b] = r;
      smoothed_[b] = s;
    } else {
      raw_[b] += kNewFrameWeight * (r - raw_[b]);
      smoothed_[b] += kNewFrameWeight * (s - smoothed_[b]);
    }
    ++seen_[b];
  }
  ++frames_;
}

double NoiseModel::typicalSmoothedSigma() const {
  std::vector<float> measured;
  for (size_t b = 0; b < kBands; ++b) {
    if (seen_[b] > 0) measured.push_back(smoothed_[b]);
  }
  return medianInPlace(measured);
}

NoiseMaps NoiseModel::maps(const cv::Mat& reference) const {
  // A band never measured borrows its nearest measured neighbour (the darker one when two are as
  // near: darker is noisier); none measured at all: the floor.
  std::array<float, kBands> raw = raw_, smooth = smoothed_;
  for (int b = 0; b < kBands; ++b) {
    if (seen_[static_cast<size_t>(b)] > 0) continue;
    raw[static_cast<size_t>(b)] = kFloorRaw;
    smooth[static_cast<size_t>(b)] = kFloorSmoothed;
    for (int d = 1; d < kBands; ++d) {
      const int darker = b - d, brighter = b + d;
      const int from = darker >= 0 && seen_[static_cast<size_t>(darker)] > 0            ? darker
                       : brighter < kBands && seen_[static_cast<size_t>(brighter)] > 0 ? brighter
                                                                                       : -1;
      if (from < 0) continue;
      raw[static_cast<size_t>(b)] = raw_[static_cast<size_t>(from)];
      smooth[static_cast<size_t>(b)] = smoothed_[static_cast<size_t>(from)];
      break;
    }
  }
  // The noise follows the brightness, which varies smoothly but for bone edges: maps at a quarter
  // of the size, interpolated up, are as good and a sixteenth of the work.
  cv::Mat small;
  cv::resize(reference, small, cv::Size(), 1.0 / kMapReduction, 1.0 / kMapReduction, cv::INTER_AREA);
  cv::Mat rawSmall(small.size(), CV_32FC1), smoothSmall(small.size(), CV_32FC1);
  for (int y = 0; y < small.rows; ++y) {
    const float* r = small.ptr<float>(y);
    float* a = rawSmall.ptr<float>(y);
    float* s = smoothSmall.ptr<float>(y);
    for (int x = 0; x < small.cols; ++x) {
      const auto b = static_cast<size_t>(bandOf(r[x]));
      a[x] = raw[b];
      s[x] = smooth[b];
    }
  }
  NoiseMaps out;
  cv::resize(rawSmall, out.raw, reference.size(), 0, 0, cv::INTER_LINEAR);
  cv::resize(smoothSmall, out.smoothed, reference.size(), 0, 0, cv::INTER_LINEAR);
  return out;
}

}  // namespace fg::guidance
