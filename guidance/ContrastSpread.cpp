#include "guidance/ContrastSpread.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {
constexpr int kEdgeMarginPx = 4;
constexpr double kMedian3NoiseShare = 0.42;  // a 3x3 median keeps 1.2533 / 3 of Gaussian noise  // room around the found contrast for the edge placement

// +-2.7 sigma holds 99.3 % of a Gaussian; OpenCV's default for float images reaches +-4 sigma.
cv::Size kernelFor(double sigmaPx) {
  const int half = std::max(1, static_cast<int>(std::ceil(2.7 * sigmaPx)));
  return {2 * half + 1, 2 * half + 1};
}
}  // namespace

cv::Mat noiseMap(const cv::Mat& difference, const cv::Mat& reference) {
  constexpr int kBins = 24;
  constexpr int kSampleRowStep = 4;  // every 4th row, every 2nd column: ~30000 samples at 512 px
  constexpr int kMapReduction = 4;
  double lo = 0, hi = 0;
  cv::minMaxLoc(reference, &lo, &hi);
  const double binWidth = std::max((hi - lo) / kBins, 1e-6);
  // Second differences of the difference image (noise only, times sqrt 6), grouped by brightness.
  std::vector<std::vector<float>> samples(kBins);
  for (auto& v : samples) v.reserve(difference.total() / (kSampleRowStep * 2 * kBins) * 2);
  for (int y = 0; y < difference.rows; y += kSampleRowStep) {
    const float* d = difference.ptr<float>(y);
    const float* r = reference.ptr<float>(y);
    for (int x = 2; x < difference.cols; x += 2) {
      const int bin = std::clamp(static_cast<int>((r[x - 1] - lo) / binWidth), 0, kBins - 1);
      samples[static_cast<size_t>(bin)].push_back(std::abs(d[x] - 2 * d[x - 1] + d[x - 2]));
    }
  }
  std::vector<float> sigma(kBins, 0.0f);
  float fallback = 0;
  for (int b = 0; b < kBins; ++b) {
    auto& v = samples[static_cast<size_t>(b)];
    if (v.size() < 50) continue;
    sigma[static_cast<size_t>(b)] = static_cast<float>(medianInPlace(v) / (0.6745 * std::sqrt(6.0)));
    fallback = std::max(fallback, sigma[static_cast<size_t>(b)]);
  }
  // Sparse bins borrow the noisiest measured level: conservative.
  for (float& s : sigma) {
    if (s <= 0) s = fallback;
  }
  // The noise follows the brightness, which varies smoothly but for bone edges: a map at a
  // quarter of the size, interpolated up, is as good and a sixteenth of the work.
  cv::Mat small;
  cv::resize(reference, small, cv::Size(), 1.0 / kMapReduction, 1.0 / kMapReduction, cv::INTER_AREA);
  cv::Mat smallMap(small.size(), CV_32FC1);
  for (int y = 0; y < small.rows; ++y) {
    const float* r = small.ptr<float>(y);
    float* m = smallMap.ptr<float>(y);
    for (int x = 0; x < small.cols; ++x) {
      m[x] = sigma[static_cast<size_t>(std::clamp(static_cast<int>((r[x] - lo) / binWidth), 0, kBins - 1))];
    }
  }
  cv::Mat map;
  cv::resize(smallMap, map, reference.size(), 0, 0, cv::INTER_LINEAR);
  return map;
}

cv::Mat segmentContrast(const cv::Mat& difference, const cv::Mat& noiseSigmaMap, const SpreadSettings& settings) {
  // Detection: the smoothed difference against the noise, which a Gaussian of sigma s averages
  // down by 1 / (2 sqrt(pi) s). The smoothed image is scaled in place into noise units.
  cv::Mat smooth;
  cv::GaussianBlur(difference, smooth, kernelFor(settings.smoothSigmaPx), settings.smoothSigmaPx);
  smooth *= 2.0 * std::sqrt(CV_PI) * settings.smoothSigmaPx / settings.thresholdSigma;
  cv::Mat mask = smooth > noiseSigmaMap;  // CV_8U, 255 where above
  // Opening removes lines two pixels wide (a needle) and isolated specks.
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  // Everything below works only where something was found: usually a small part of the view.
  const cv::Rect found = cv::boundingRect(mask);
  if (found.empty()) return mask;
  const cv::Rect margin = (found - cv::Point(kEdgeMarginPx, kEdgeMarginPx) + cv::Size(2 * kEdgeMarginPx, 2 * kEdgeMarginPx)) &
                          cv::Rect(0, 0, mask.cols, mask.rows);
  cv::Mat roiMask = mask(margin), roiSmooth = smooth(margin);
  // The smoothing that finds faint contrast also widens it by a pixel or two each side, which on
  // a thin epidural line seen from the side is much of its width: edges are placed on a 3x3
  // median instead (as quiet as a light Gaussian, but it keeps an edge where it is), down to
  // where it meets its own noise.
  cv::Mat fine, fineFloor;
  cv::medianBlur(difference(margin), fine, 3);
  fineFloor = noiseSigmaMap(margin) * (settings.edgeSigma * kMedian3NoiseShare);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(roiMask, labels, stats, centroids, 8, CV_32S, cv::CCL_GRANA);
  // A steel needle is a line of strong signal one or two pixels wide that smoothing spreads out:
  // its half-maximum core is that thin line, which an opening removes. Contrast (a pool, a
  // vessel of a few mm) keeps a core. Components without a core are dropped.
  const cv::Mat coreKernel = cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5));
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const cv::Mat component = labels(box) == i;
    bool keep = stats.at<int>(i, cv::CC_STAT_AREA) >= settings.minBlobAreaPx;
    if (keep) {
      double peak = 0;
      cv::minMaxLoc(roiSmooth(box), nullptr, &peak, nullptr, nullptr, component);
      cv::Mat core = (roiSmooth(box) >= 0.5 * peak) & component;
      cv::morphologyEx(core, core, cv::MORPH_OPEN, coreKernel);
      keep = cv::countNonZero(core) >= settings.minCorePx;
    }
    if (keep) {
      // The edge of a pool fades out: keep it down to a share of the pool's own peak, where the
      // contrast is still real, rather than as far as the noise allows.
      double finePeak = 0;
      cv::minMaxLoc(fine(box), nullptr, &finePeak, nullptr, nullptr, component);
      const cv::Mat below = (fine(box) < settings.edgeFractionOfPeak * finePeak) | (fine(box) < fineFloor(box));
      roiMask(box).setTo(0, component & below);
    } else {
      roiMask(box).setTo(0, component);
    }
  }
  return mask;
}

SpreadMeasure measureSpread(const cv::Mat& mask, const cv::Mat& difference, double mmPerPx, CranioCaudalAxis axis) {
  SpreadMeasure m;
  const cv::Rect box = cv::boundingRect(mask);
  if (box.empty()) return m;
  m.pixels = cv::countNonZero(mask(box));
  m.present = m.pixels > 0;
  if (!m.present) return m;
  m.areaMm2 = m.pixels * mmPerPx * mmPerPx;
  m.cranioCaudalMm = (axis == CranioCaudalAxis::ImageX ? box.width : box.height) * mmPerPx;
  if (!difference.empty()) {
    m.meanDifference = cv::mean(difference(box), mask(box))[0];
    m.integratedDifference = m.meanDifference * m.areaMm2;
  }
  return m;
}

double dice(const cv::Mat& a, const cv::Mat& b) {
  const int na = cv::countNonZero(a), nb = cv::countNonZero(b);
  if (na + nb == 0) return 1.0;
  cv::Mat both;
  cv::bitwise_and(a, b, both);
  return 2.0 * cv::countNonZero(both) / (na + nb);
}

}  // namespace fg::guidance
