#include "sim/ImageFormer.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <random>

namespace fg::sim {
namespace {

constexpr size_t kNormals = size_t{1} << 22;

uint64_t mix(uint64_t x) {  // splitmix64 finaliser: a well-spread hash of (seed, frame, row)
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

ImageFormer::ImageFormer(int width, int height, const DoseSettings& dose, uint64_t seed)
    : width_(width), height_(height), dose_(dose), seed_(seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  normals_.resize(kNormals);
  for (auto& n : normals_) n = normal(rng);
  n0_ = dose.photonsPerPixel;
  staticMuL_.assign(static_cast<size_t>(width) * height, 0.0f);
  staticCounts_.assign(staticMuL_.size(), static_cast<float>(n0_));
  buildLogTable();
}

void ImageFormer::buildLogTable() {
  const size_t maxCount = static_cast<size_t>(n0_ * 1.5 + 64);
  logTable_.resize(maxCount + 1);
  for (size_t c = 0; c <= maxCount; ++c) logTable_[c] = valueForCounts(static_cast<double>(c));
}

uint16_t ImageFormer::valueForCounts(double counts) const {
  const double lowest = std::log(n0_) - kMaxMuL;
  if (counts < 1.0) return 0;
  const double v = (std::log(counts) - lowest) / kMaxMuL * kMaxValue;
  return static_cast<uint16_t>(std::clamp(v, 0.0, static_cast<double>(kMaxValue)));
}

void ImageFormer::setStatic(std::span<const float> staticMuL) {
  staticMuL_.assign(staticMuL.begin(), staticMuL.end());
  for (float& v : staticMuL_) v = std::max(v, 0.0f);  // carved cores never exceed their shells
  if (!exposureSet_) {
    std::vector<float> sorted(staticMuL_);
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(sorted.size() / 2), sorted.end());
    n0_ = dose_.photonsPerPixel * std::exp(static_cast<double>(sorted[sorted.size() / 2]));
    exposureSet_ = true;
    buildLogTable();
  }
  const float n0 = static_cast<float>(n0_);
  for (size_t i = 0; i < staticMuL_.size(); ++i) staticCounts_[i] = n0 * std::exp(-staticMuL_[i]);
  blurRegion(staticCounts_, {0, 0, width_ - 1, height_ - 1});
}

void ImageFormer::blurRegion(std::vector<float>& intensity, const PixelBox& box) const {
  if (dose_.blurSigmaPx <= 0 || box.empty()) return;
  cv::Mat image(height_, width_, CV_32FC1, intensity.data());
  const cv::Rect roi(box.x0, box.y0, box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
  cv::Mat region = image(roi);
  cv::GaussianBlur(region, region, cv::Size(0, 0), dose_.blurSigmaPx, 0, cv::BORDER_REPLICATE);
}

void ImageFormer::meanCounts(std::span<const float> dynamicMuL, const PixelBox& box,
                             std::vector<float>& counts) const {
  counts = staticCounts_;
  if (box.empty()) return;
  // Redo the dynamic box, grown by the blur's reach so its edges blend with the static part.
  const int margin = static_cast<int>(std::ceil(3 * dose_.blurSigmaPx)) + 1;
  const PixelBox grown{std::max(box.x0 - 2 * margin, 0), std::max(box.y0 - 2 * margin, 0),
                       std::min(box.x1 + 2 * margin, width_ - 1), std::min(box.y1 + 2 * margin, height_ - 1)};
  const float n0 = static_cast<float>(n0_);
  std::vector<float>& work = scratch_;
  work.resize(counts.size());
  for (int y = grown.y0; y <= grown.y1; ++y) {
    for (int x = grown.x0; x <= grown.x1; ++x) {
      const size_t i = static_cast<size_t>(y) * width_ + x;
      const bool inside = x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
      work[i] = n0 * std::exp(-(staticMuL_[i] + (inside ? dynamicMuL[i] : 0.0f)));
    }
  }
  blurRegion(work, grown);
  for (int y = grown.y0 + margin; y <= grown.y1 - margin; ++y) {
    for (int x = grown.x0 + margin; x <= grown.x1 - margin; ++x) {
      const size_t i = static_cast<size_t>(y) * width_ + x;
      counts[i] = work[i];
    }
  }
}

size_t ImageFormer::rowOffset(uint64_t frameIndex, int row) const {
  const uint64_t h = mix(seed_ ^ mix(frameIndex * 0x100000001B3ull + static_cast<uint64_t>(row)));
  return static_cast<size_t>(h % (kNormals - static_cast<size_t>(width_)));
}

void ImageFormer::noisyCounts(std::span<const float> mean, uint64_t frameIndex, std::span<float> out) const {
  for (int y = 0; y < height_; ++y) {
    const float* z = normals_.data() + rowOffset(frameIndex, y);
    const size_t row = static_cast<size_t>(y) * width_;
    for (int x = 0; x < width_; ++x) {
      const float m = mean[row + x];
      out[row + x] = m + std::sqrt(m) * z[x];
    }
  }
}

void ImageFormer::render(std::span<const float> dynamicMuL, const PixelBox& box, uint64_t frameIndex,
                         std::span<uint16_t> out) {
  std::vector<float> counts;
  const std::vector<float>* mean = &staticCounts_;
  if (!box.empty()) {
    meanCounts(dynamicMuL, box, counts);
    mean = &counts;
  }
  const int maxCount = static_cast<int>(logTable_.size()) - 1;
  for (int y = 0; y < height_; ++y) {
    const float* z = normals_.data() + rowOffset(frameIndex, y);
    const size_t row = static_cast<size_t>(y) * width_;
    const float* m = mean->data() + row;
    uint16_t* o = out.data() + row;
    for (int x = 0; x < width_; ++x) {
      const float noisy = m[x] + std::sqrt(m[x]) * z[x];
      const int c = std::clamp(static_cast<int>(noisy + 0.5f), 0, maxCount);
      o[x] = logTable_[static_cast<size_t>(c)];
    }
  }
}

}  // namespace fg::sim
