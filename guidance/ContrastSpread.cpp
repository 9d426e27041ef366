#include "guidance/ContrastSpread.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "guidance/DiscDilation.hpp"
#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {
constexpr double kNeedleAdvanceMm = 15.0;  // a needle's line: past the tip as far as it may advance...
constexpr double kNeedleBandHalfMm = 3.0;  // ...and this far either side of its axis
constexpr double kEdgeMarginMm = 1.6;        // room around the found contrast for the edge placement
constexpr double kMedian3NoiseShare = 0.42;  // a 3x3 median keeps 1.2533 / 3 of Gaussian noise

// +-2.7 sigma holds 99.3 % of a Gaussian; OpenCV's default for float images reaches +-4 sigma.
cv::Size kernelFor(double sigmaPx) {
  const int half = std::max(1, static_cast<int>(std::ceil(2.7 * sigmaPx)));
  return {2 * half + 1, 2 * half + 1};
}

cv::Mat disc(int sizePx) {
  const int n = std::max(3, sizePx) | 1;
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(n, n));
}

// Above `threshold` sigmas of the smoothed noise, with specks opened away (one sign).
cv::Mat significant(const cv::Mat& smoothed, const cv::Mat& sigma, double threshold, const cv::Mat& field,
                    const cv::Mat& specks, bool positive) {
  cv::Mat limit = sigma * threshold;
  cv::Mat mask = positive ? smoothed > limit : smoothed < -limit;
  if (!field.empty() && field.size() == mask.size()) mask &= field;
  cv::morphologyEx(mask, mask, cv::MORPH_OPEN, specks);
  return mask;
}
}  // namespace

cv::Mat smoothForDetection(const cv::Mat& difference, const AnalysisScale& scale, const SpreadSettings& settings) {
  const double sigmaPx = std::max(0.5, scale.px(settings.smoothSigmaMm));
  cv::Mat smooth;
  cv::GaussianBlur(difference, smooth, kernelFor(sigmaPx), sigmaPx);
  return smooth;
}

cv::Mat needleBand(cv::Size size, cv::Point2d hubPx, cv::Point2d tipPx, const AnalysisScale& scale) {
  cv::Mat band = cv::Mat::zeros(size, CV_8UC1);
  const cv::Point2d along = tipPx - hubPx;
  const double length = cv::norm(along);
  if (length < 1e-6) return band;
  const cv::Point2d ahead = tipPx + along * (scale.px(kNeedleAdvanceMm) / length);
  const int thicknessPx = std::max(3, static_cast<int>(std::lround(2 * scale.px(kNeedleBandHalfMm))));
  cv::line(band, cv::Point(cvRound(hubPx.x), cvRound(hubPx.y)), cv::Point(cvRound(ahead.x), cvRound(ahead.y)),
           cv::Scalar(255), thicknessPx);
  return band;
}

cv::Mat segmentContrast(const cv::Mat& difference, const cv::Mat& smoothed, const NoiseMaps& noise,
                        const cv::Mat& field, const AnalysisScale& scale, const SpreadSettings& settings,
                        const cv::Mat& alongNeedle, const cv::Mat& known) {
  CV_Assert(alongNeedle.empty() || alongNeedle.size() == difference.size());
  CV_Assert(known.empty() || known.size() == difference.size());
  // Detection: the smoothed difference against the noise of the smoothed difference itself (the
  // model measured it, whatever the noise's correlation).
  const cv::Mat specks = disc(static_cast<int>(std::lround(scale.px(settings.specksMm))));
  cv::Mat mask = significant(smoothed, noise.smoothed, settings.thresholdSigma, field, specks, true);
  // Everything below works only where something was found: usually a small part of the view.
  const cv::Rect found = cv::boundingRect(mask);
  if (found.empty()) return mask;
  // Room for the edge placement and for the motion test's reach (up to a blob's own radius).
  const int marginPx = std::max({2, static_cast<int>(std::ceil(scale.px(std::max(kEdgeMarginMm, settings.dipoleReachMm)))),
                                 static_cast<int>(std::sqrt(static_cast<double>(found.area()) / CV_PI))});
  const cv::Rect margin = (found - cv::Point(marginPx, marginPx) + cv::Size(2 * marginPx, 2 * marginPx)) &
                          cv::Rect(0, 0, mask.cols, mask.rows);
  cv::Mat roiMask = mask(margin), roiSmooth = smoothed(margin);
  // The smoothing that finds faint contrast also widens it by a pixel or two each side, which on
  // a thin epidural line seen from the side is much of its width: edges are placed on a 3x3
  // median instead (as quiet as a light Gaussian, but it keeps an edge where it is), down to
  // where it meets its own noise.
  cv::Mat fine, fineFloor;
  cv::medianBlur(difference(margin), fine, 3);
  fineFloor = noise.raw(margin) * (settings.edgeSigma * kMedian3NoiseShare);
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(roiMask, labels, stats, centroids, 8, CV_32S, cv::CCL_GRANA);
  const cv::Mat coreKernel = disc(static_cast<int>(std::lround(scale.px(settings.coreMm))));
  const double minArea = scale.pxArea(settings.minBlobAreaMm2), minCore = scale.pxArea(settings.minCoreAreaMm2);
  const cv::Rect roiBounds(0, 0, roiMask.cols, roiMask.rows);
  const int reachPx = std::max(1, static_cast<int>(std::ceil(scale.px(settings.dipoleReachMm))));
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    const cv::Mat component = labels(box) == i;
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    bool keep = area >= minArea;
    if (keep) {
      // A steel needle is a line of strong signal one or two pixels wide that smoothing spreads
      // out: its half-maximum core is that thin line, which an opening removes.
      double peak = 0;
      cv::minMaxLoc(roiSmooth(box), nullptr, &peak, nullptr, nullptr, component);
      cv::Mat core = (roiSmooth(box) >= 0.5 * peak) & component;
      cv::morphologyEx(core, core, cv::MORPH_OPEN, coreKernel);
      keep = cv::countNonZero(core) >= minCore;
      if (!keep && !alongNeedle.empty()) {
        // Thin, but is it the needle's? Only where most of it lies along the needle.
        const cv::Mat along = alongNeedle(margin)(box) & component;
        keep = 2 * cv::countNonZero(along) < area;
      }
    }
    if (keep && settings.rejectDipoles && !known.empty() && cv::countNonZero(known(margin)(box) & component) > 0) {
      // Contrast already seen, spreading (or washing out beside its own filling): not motion.
    } else if (keep && settings.rejectDipoles) {
      // Anatomy that moved (bowel gas, a bone edge) only moved its attenuation: what one lobe
      // gained the other lost, and around it the difference sums to about nothing, even where the
      // negative lobe is too faint to segment. Contrast adds: around it the sum is its own.
      const int sizePx = static_cast<int>(std::ceil(std::sqrt(area / CV_PI)));
      const int r = std::max(reachPx, sizePx);
      const cv::Rect around = (box - cv::Point(r, r) + cv::Size(2 * r, 2 * r)) & roiBounds;
      cv::Mat grown = cv::Mat::zeros(around.size(), CV_8UC1);
      component.copyTo(grown(box - around.tl()));
      const cv::Mat blob = grown.clone();
      dilateByDisc(grown, grown, r);
      const auto sumWhere = [&](const cv::Mat& where) {
        return cv::mean(roiSmooth(around), where)[0] * cv::countNonZero(where);
      };
      keep = sumWhere(grown) >= settings.dipoleShare * sumWhere(blob);
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

int brightenedPixels(const cv::Mat& smoothed, const NoiseMaps& noise, const cv::Mat& field, const AnalysisScale& scale,
                     const SpreadSettings& settings) {
  const cv::Mat specks = disc(static_cast<int>(std::lround(scale.px(settings.specksMm))));
  return cv::countNonZero(significant(smoothed, noise.smoothed, settings.thresholdSigma, field, specks, false));
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
