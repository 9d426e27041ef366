#include "app/ContrastLayers.hpp"

#include <limits>

#include <algorithm>

#include <opencv2/core.hpp>

namespace fg::app {
namespace {
constexpr double kSubtractedSpanSigmas = 8.0;  // +-8 sigma across the grey range
}

double overlayAgeS(const guidance::ContrastResult& result, const core::Frame& shown) {
  // Another part of the timeline (before a seek or a loop): never current for this frame.
  if (result.timelineEpoch != shown.timelineEpoch()) return std::numeric_limits<double>::infinity();
  const int64_t shownNs = shown.deviceNs() != core::kNoTimeNs ? shown.deviceNs() : shown.arrivalNs();
  return std::max(0.0, shownNs * 1e-9 - result.timeS);
}

LayerImage spreadLayer(const guidance::ContrastResult& result, bool withAccumulated) {
  LayerImage out;
  const cv::Mat& now = result.spread;
  if (now.empty()) return out;
  out.width = now.cols;
  out.height = now.rows;
  out.values.assign(static_cast<size_t>(now.total()), 0);
  cv::Mat values(now.rows, now.cols, CV_8UC1, out.values.data());
  if (withAccumulated && !result.accumulated.empty() && result.accumulated.size() == now.size()) {
    values.setTo(kSpreadEarlierValue, result.accumulated);
  }
  values.setTo(kSpreadNowValue, now);
  return out;
}

LayerImage subtractedLayer(const guidance::ContrastResult& result) {
  LayerImage out;
  const cv::Mat& difference = result.difference;
  if (difference.empty()) return out;
  out.width = difference.cols;
  out.height = difference.rows;
  out.values.resize(static_cast<size_t>(difference.total()));
  cv::Mat values(difference.rows, difference.cols, CV_8UC1, out.values.data());
  // Contrast makes the difference positive (mask - live): shown darker, like iodine on film.
  const double sigma = std::max(result.noiseSigma, 1e-6);
  const double scale = -127.5 / (kSubtractedSpanSigmas * sigma);
  difference.convertTo(values, CV_8UC1, scale, 127.5);  // saturates at 0 and 255
  return out;
}

}  // namespace fg::app
