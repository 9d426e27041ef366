#include "guidance/DifferenceBackground.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {

constexpr int kGridStepPx = 6;        // a sample every 6 px each way: ~7000 samples at 512 px
constexpr double kOutlierMads = 3.0;  // samples further than this from the first fit are left out
constexpr size_t kMinSamples = 32;

struct Sample {
  float x, y, value;
};


// Least squares of value = offset + slopeX x + slopeY y over the samples.
BackgroundPlane fitPlane(const std::vector<Sample>& samples) {
  cv::Matx33d normal = cv::Matx33d::zeros();
  cv::Vec3d rhs(0, 0, 0);
  for (const Sample& s : samples) {
    const cv::Vec3d row(1.0, s.x, s.y);
    normal += row * row.t();
    rhs += row * static_cast<double>(s.value);
  }
  cv::Vec3d solution;
  if (!cv::solve(normal, rhs, solution, cv::DECOMP_CHOLESKY)) return {};
  return {solution[0], solution[1], solution[2]};
}

double evaluate(const BackgroundPlane& p, double x, double y) { return p.offset + p.slopeX * x + p.slopeY * y; }

// The sparse grid's samples of a (or of a - b when b is given), about the image centre, leaving out
// `exclude` (CV_8UC1, optional).
std::vector<Sample> gridSamples(const cv::Mat& a, const cv::Mat& b, const cv::Mat& exclude) {
  const bool skip = !exclude.empty() && exclude.size() == a.size();
  const double cx = (a.cols - 1) / 2.0, cy = (a.rows - 1) / 2.0;
  std::vector<Sample> samples;
  samples.reserve(a.total() / (kGridStepPx * kGridStepPx) + 1);
  for (int y = kGridStepPx / 2; y < a.rows; y += kGridStepPx) {
    const float* pa = a.ptr<float>(y);
    const float* pb = b.empty() ? nullptr : b.ptr<float>(y);
    const uint8_t* e = skip ? exclude.ptr<uint8_t>(y) : nullptr;
    for (int x = kGridStepPx / 2; x < a.cols; x += kGridStepPx) {
      if (e == nullptr || e[x] == 0) {
        samples.push_back({static_cast<float>(x - cx), static_cast<float>(y - cy), pb ? pa[x] - pb[x] : pa[x]});
      }
    }
  }
  return samples;
}

}  // namespace

BackgroundPlane fitBackground(const cv::Mat& difference, const cv::Mat& exclude, bool withSlope) {
  const std::vector<Sample> samples = gridSamples(difference, cv::Mat(), exclude);
  if (samples.size() < kMinSamples) return {};
  std::vector<double> values;
  values.reserve(samples.size());
  for (const Sample& s : samples) values.push_back(s.value);
  BackgroundPlane plane{medianInPlace(values), 0, 0};
  if (!withSlope) return plane;
  // Twice: fit, then leave out what lies far from the fit (edges, contrast not yet known).
  for (int pass = 0; pass < 2; ++pass) {
    values.clear();
    for (const Sample& s : samples) values.push_back(std::abs(s.value - evaluate(plane, s.x, s.y)));
    const double limit = kOutlierMads * kMadToSigma * std::max(medianInPlace(values), 1e-6);
    std::vector<Sample> inliers;
    inliers.reserve(samples.size());
    for (const Sample& s : samples) {
      if (std::abs(s.value - evaluate(plane, s.x, s.y)) <= limit) inliers.push_back(s);
    }
    if (inliers.size() < kMinSamples) break;
    plane = fitPlane(inliers);
  }
  return plane;
}

double medianOffset(const cv::Mat& a, const cv::Mat& b, const cv::Mat& exclude) {
  CV_Assert(a.size() == b.size() && a.type() == CV_32FC1 && b.type() == CV_32FC1);
  const std::vector<Sample> samples = gridSamples(a, b, exclude);
  if (samples.size() < kMinSamples) return 0;
  std::vector<double> values;
  values.reserve(samples.size());
  for (const Sample& sample : samples) values.push_back(sample.value);
  return medianInPlace(values);
}

void removeBackground(cv::Mat& difference, const BackgroundPlane& plane) {
  if (plane.slopeX == 0 && plane.slopeY == 0) {
    if (plane.offset != 0) difference -= plane.offset;
    return;
  }
  const double cx = (difference.cols - 1) / 2.0, cy = (difference.rows - 1) / 2.0;
  for (int y = 0; y < difference.rows; ++y) {
    float* d = difference.ptr<float>(y);
    const double rowBase = plane.offset + plane.slopeY * (y - cy) - plane.slopeX * cx;
    for (int x = 0; x < difference.cols; ++x) d[x] -= static_cast<float>(rowBase + plane.slopeX * x);
  }
}

cv::Mat misregistrationSigma(const cv::Mat& mask, double centreErrorPx, double edgeErrorPx) {
  cv::Mat gx, gy, magnitude;
  // The 3x3 Sobel kernel weighs the central difference by 8: / 8 gives the gradient per px.
  cv::Sobel(mask, gx, CV_32F, 1, 0, 3, 1.0 / 8.0);
  cv::Sobel(mask, gy, CV_32F, 0, 1, 3, 1.0 / 8.0);
  cv::magnitude(gx, gy, magnitude);
  const double cx = (mask.cols - 1) / 2.0, cy = (mask.rows - 1) / 2.0, half = std::max(cx, 1.0);
  for (int y = 0; y < magnitude.rows; ++y) {
    float* m = magnitude.ptr<float>(y);
    const double dy2 = (y - cy) * (y - cy);
    for (int x = 0; x < magnitude.cols; ++x) {
      const double share = std::sqrt((x - cx) * (x - cx) + dy2) / half;
      m[x] *= static_cast<float>(centreErrorPx + (edgeErrorPx - centreErrorPx) * share);
    }
  }
  return magnitude;
}

}  // namespace fg::guidance
