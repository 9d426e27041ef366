#include "guidance/LevelTracker.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

namespace fg::guidance {
namespace {
constexpr double kDefaultMmPerPx = 0.3;
constexpr int kMinMatchesForTurn = 3;
constexpr double kNearMm = 4.0;      // searched first around each marker
constexpr double kKeepShare = 0.95;  // the near match stands when it is this good as the last
constexpr int kNeedleBandPx = 3;     // binned px either side of the needle's line
constexpr double kInlierPx =
    1.5;  // binned px: a match this far from the spine's motion is an outlier

// Sub-pixel offset of a peak from its neighbours (a parabola through three values).
double parabolaOffset(double left, double centre, double right) {
  const double denominator = left - 2 * centre + right;
  return std::abs(denominator) > 1e-12 ? std::clamp(0.5 * (left - right) / denominator, -0.5, 0.5)
                                       : 0.0;
}
// The image with the needle closed over (a band along it filled from a morphological closing,
// which removes thin dark lines): a needle crossing a vertebra as it advances would otherwise
// drag that vertebra's marker along with it. The binned image itself when there is no needle.
cv::Mat withoutNeedle(const cv::Mat& binned, const NeedleObservation* needle, int binning) {
  if (needle == nullptr || !needle->found) return binned;
  const double half = (binning - 1) / 2.0;
  const cv::Point2d a((needle->hubPx.x - half) / binning, (needle->hubPx.y - half) / binning);
  const cv::Point2d b((needle->tipPx.x - half) / binning, (needle->tipPx.y - half) / binning);
  const cv::Rect all(0, 0, binned.cols, binned.rows);
  const cv::Rect box =
      cv::Rect(cv::Point(static_cast<int>(std::min(a.x, b.x)) - kNeedleBandPx,
                         static_cast<int>(std::min(a.y, b.y)) - kNeedleBandPx),
               cv::Point(static_cast<int>(std::max(a.x, b.x)) + kNeedleBandPx + 1,
                         static_cast<int>(std::max(a.y, b.y)) + kNeedleBandPx + 1)) &
      all;
  if (box.empty()) return binned;
  cv::Mat cleaned = binned.clone(), closed;
  cv::morphologyEx(binned(box), closed, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  cv::Mat band = cv::Mat::zeros(box.size(), CV_8UC1);
  cv::line(band, cv::Point(a - cv::Point2d(box.tl())), cv::Point(b - cv::Point2d(box.tl())),
           cv::Scalar(255), 2 * kNeedleBandPx + 1);
  closed.copyTo(cleaned(box), band);
  return cleaned;
}

// The rotation and shift that best take `from` onto `to` (least squares over the inliers).
cv::Mat rigidFit(const std::vector<cv::Point2f>& from, const std::vector<cv::Point2f>& to,
                 const std::vector<uchar>& inliers) {
  cv::Point2d a(0, 0), b(0, 0);
  int n = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    if (!inliers[i]) continue;
    a += cv::Point2d(from[i]);
    b += cv::Point2d(to[i]);
    ++n;
  }
  if (n < 1) return {};
  a *= 1.0 / n;
  b *= 1.0 / n;
  // Fewer than three agreeing matches on a line of vertebrae say little about a turn: shift only.
  if (n < kMinMatchesForTurn) return (cv::Mat_<double>(2, 3) << 1, 0, b.x - a.x, 0, 1, b.y - a.y);
  double sinSum = 0, cosSum = 0;
  for (size_t i = 0; i < from.size(); ++i) {
    if (!inliers[i]) continue;
    const cv::Point2d p = cv::Point2d(from[i]) - a, q = cv::Point2d(to[i]) - b;
    cosSum += p.x * q.x + p.y * q.y;
    sinSum += p.x * q.y - p.y * q.x;
  }
  const double angle = std::atan2(sinSum, cosSum), c = std::cos(angle), s = std::sin(angle);
  return (cv::Mat_<double>(2, 3) << c, -s, b.x - (c * a.x - s * a.y), s, c,
          b.y - (s * a.x + c * a.y));
}

}  // namespace

std::string_view toString(LevelCounting counting) {
  switch (counting) {
    case LevelCounting::FromSacrum:
      return "counted from the sacrum";
    case LevelCounting::FromTwelfthRib:
      return "counted from the twelfth rib";
    case LevelCounting::Manual:
      return "each labelled by hand";
    case LevelCounting::Invalid:
      break;
  }
  return "invalid";
}

// A binned pixel i covers frame pixels binning*i .. binning*i + binning - 1: its centre lies at
// binning*i + (binning - 1) / 2 in frame px.
cv::Point2d LevelTracker::toBinned(cv::Point2d framePx) const {
  const double half = (binning_ - 1) / 2.0;
  return {(framePx.x - half) / binning_, (framePx.y - half) / binning_};
}

cv::Point2d LevelTracker::fromBinned(cv::Point2d binnedPx) const {
  const double half = (binning_ - 1) / 2.0;
  return {binnedPx.x * binning_ + half, binnedPx.y * binning_ + half};
}

void LevelTracker::label(const core::FrameFormat& format, const cv::Mat& binned, int binning,
                         std::vector<LevelMarker> markers, LevelCounting counting,
                         const NeedleObservation* needle) {
  binning_ = std::max(1, binning);
  const double mmPerBinnedPx =
      (format.hasSpacing() ? format.mmPerPixelX : kDefaultMmPerPx) * binning_;
  patchPx_ = std::max(8, static_cast<int>(settings_.patchMm / mmPerBinnedPx) | 1);
  searchPx_ = std::max(4, static_cast<int>(settings_.searchMm / mmPerBinnedPx));
  nearPx_ = std::max(2, static_cast<int>(kNearMm / mmPerBinnedPx));
  counting_ = counting;
  markers_.clear();
  templates_.clear();
  offsets_.clear();
  labelledPx_.clear();
  lastCorrelation_.clear();
  const cv::Rect all(0, 0, binned.cols, binned.rows);
  const cv::Mat source = withoutNeedle(binned, needle, binning_);
  for (LevelMarker& m : markers) {
    const cv::Point2d c = toBinned(m.centerPx);
    const cv::Point rounded(static_cast<int>(std::lround(c.x)), static_cast<int>(std::lround(c.y)));
    const cv::Rect patch(rounded.x - patchPx_ / 2, rounded.y - patchPx_ / 2, patchPx_, patchPx_);
    if ((patch & all) != patch) continue;  // too near the edge to follow
    templates_.push_back(source(patch).clone());
    lastCorrelation_.push_back(1.0);
    labelledPx_.push_back(m.centerPx);
    offsets_.push_back(c - cv::Point2d(rounded));  // the centre within its template's middle pixel
    m.correlation = 1;
    m.lost = false;
    markers_.push_back(m);
  }
}

const std::vector<LevelMarker>& LevelTracker::track(const cv::Mat& binned,
                                                    const NeedleObservation* needle) {
  const cv::Rect all(0, 0, binned.cols, binned.rows);
  const cv::Mat source = withoutNeedle(binned, needle, binning_);
  // 1. Each marker's template, looked for around where the marker was.
  std::vector<cv::Point2f> from, to;
  std::vector<size_t> matched;
  for (size_t i = 0; i < markers_.size(); ++i) {
    LevelMarker& m = markers_[i];
    const cv::Point2d c = toBinned(m.centerPx);
    m.correlation = 0;
    // Near where it was first (the patient mostly lies still), the whole search range when the
    // match there is weaker than the last one.
    cv::Rect window;
    cv::Mat score;
    double best = 0;
    cv::Point at;
    for (const int range : {nearPx_, searchPx_}) {
      const int half = patchPx_ / 2 + range;
      window = cv::Rect(static_cast<int>(std::lround(c.x)) - half,
                        static_cast<int>(std::lround(c.y)) - half, 2 * half + 1, 2 * half + 1) &
               all;
      if (window.width <= patchPx_ || window.height <= patchPx_) break;
      cv::matchTemplate(source(window), templates_[i], score, cv::TM_CCOEFF_NORMED);
      cv::minMaxLoc(score, nullptr, &best, nullptr, &at);
      const bool onEdge =
          at.x == 0 || at.y == 0 || at.x == score.cols - 1 || at.y == score.rows - 1;
      if (!onEdge && best >= kKeepShare * lastCorrelation_[i]) break;
    }
    if (score.empty()) continue;
    m.correlation = best;
    lastCorrelation_[i] = std::max(best, settings_.minCorrelation);
    if (best < settings_.minCorrelation) continue;
    double dx = 0, dy = 0;
    if (at.x > 0 && at.x < score.cols - 1) {
      dx = parabolaOffset(score.at<float>(at.y, at.x - 1), best, score.at<float>(at.y, at.x + 1));
    }
    if (at.y > 0 && at.y < score.rows - 1) {
      dy = parabolaOffset(score.at<float>(at.y - 1, at.x), best, score.at<float>(at.y + 1, at.x));
    }
    // The template's middle pixel sits patchPx_ / 2 in from its top-left corner.
    const cv::Point2d centre =
        cv::Point2d(window.x + at.x + dx + patchPx_ / 2, window.y + at.y + dy + patchPx_ / 2) +
        offsets_[i];
    from.emplace_back(toBinned(labelledPx_[i]));
    to.emplace_back(centre);
    matched.push_back(i);
  }
  // 2. The spine moves as one: a rotation and shift through all the matches, with the ones that
  // disagree (a template caught on a neighbour) left out, places every marker, matched or not.
  cv::Mat transform;
  std::vector<uchar> inliers;
  if (from.size() >= 2) {
    // RANSAC picks the matches that agree; a rigid least-squares fit through them (no scale: the
    // patient does not grow) places the markers.
    const cv::Mat similarity =
        cv::estimateAffinePartial2D(from, to, inliers, cv::RANSAC, kInlierPx);
    if (!similarity.empty()) transform = rigidFit(from, to, inliers);
  }
  if (!transform.empty()) {
    for (size_t i = 0; i < markers_.size(); ++i) {
      const cv::Point2d p = toBinned(labelledPx_[i]);
      const cv::Point2d moved(transform.at<double>(0, 0) * p.x + transform.at<double>(0, 1) * p.y +
                                  transform.at<double>(0, 2),
                              transform.at<double>(1, 0) * p.x + transform.at<double>(1, 1) * p.y +
                                  transform.at<double>(1, 2));
      markers_[i].centerPx = fromBinned(moved);
      markers_[i].lost = false;
    }
    for (size_t k = 0; k < matched.size(); ++k) {
      if (!inliers[k]) markers_[matched[k]].correlation = 0;  // its own match was not used
    }
  } else {
    for (size_t i = 0; i < markers_.size(); ++i) markers_[i].lost = true;
    for (size_t k = 0; k < matched.size(); ++k) {
      markers_[matched[k]].centerPx = fromBinned(cv::Point2d(to[k]));
      markers_[matched[k]].lost = false;
    }
  }
  return markers_;
}

}  // namespace fg::guidance
