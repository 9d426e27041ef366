#include "guidance/InjectionSite.hpp"

#include <cmath>

#include <opencv2/imgproc.hpp>

#include "guidance/DiscDilation.hpp"

namespace fg::guidance {

void keepTouching(cv::Mat& spread, const cv::Mat& seed) {
  if (seed.empty() || seed.size() != spread.size()) return;
  const cv::Rect found = cv::boundingRect(spread);
  if (found.empty()) return;
  cv::Mat labels;
  const int n = cv::connectedComponents(spread(found), labels, 8, CV_32S);
  std::vector<uint8_t> touches(static_cast<size_t>(n), 0);
  const cv::Mat seedRoi = seed(found);
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    const uint8_t* s = seedRoi.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (l[x] > 0 && s[x] != 0) touches[static_cast<size_t>(l[x])] = 1;
    }
  }
  cv::Mat roi = spread(found);
  for (int y = 0; y < labels.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uint8_t* o = roi.ptr<uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) {
      if (l[x] > 0 && touches[static_cast<size_t>(l[x])] == 0) o[x] = 0;
    }
  }
}

cv::Mat injectionSeed(cv::Size size, const cv::Mat& accumulated, const std::optional<NeedleSite>& needle,
                      const AnalysisScale& scale) {
  const bool haveSpread = !accumulated.empty() && accumulated.size() == size && cv::countNonZero(accumulated) > 0;
  if (!haveSpread && !needle) return {};
  cv::Mat seed = cv::Mat::zeros(size, CV_8UC1);
  if (haveSpread) {
    // A reach of 12 mm is tens of px: dilated on a quarter-size copy (a 4 px cell is far finer
    // than the reach), then brought back.
    constexpr int kReduction = 4;
    cv::Mat small;
    cv::resize(accumulated, small, cv::Size((size.width + kReduction - 1) / kReduction, (size.height + kReduction - 1) / kReduction),
               0, 0, cv::INTER_AREA);
    small = small > 0;
    const int reach = std::max(1, static_cast<int>(std::lround(scale.px(kSpreadReachMm) / kReduction)));
    dilateByDisc(small, small, reach);
    cv::resize(small, seed, size, 0, 0, cv::INTER_NEAREST);
  }
  if (needle) {
    // A capsule around the needle: a thick line from end to end, round at both.
    const auto at = [](cv::Point2d p) { return cv::Point(static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y))); };
    const int reach = std::max(1, static_cast<int>(std::lround(scale.px(kArrivalReachMm))));
    cv::line(seed, at(needle->hubPx), at(needle->tipPx), cv::Scalar(255), 2 * reach + 1, cv::LINE_8);
    cv::circle(seed, at(needle->tipPx), reach, cv::Scalar(255), cv::FILLED);
    cv::circle(seed, at(needle->hubPx), reach, cv::Scalar(255), cv::FILLED);
  }
  return seed;
}

}  // namespace fg::guidance
