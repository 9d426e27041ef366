#include "guidance/LevelTracker.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>

#include "guidance/AnalysisScale.hpp"

namespace fg::guidance {
namespace {
constexpr int kMinMatchesForTurn = 3;
constexpr double kNearMm = 4.0;      // searched first around each marker
constexpr double kKeepShare = 0.95;  // the near match stands when it is this good as the last
constexpr int kFineRangePx = 1;      // binned px searched around the match in tracking px...
constexpr int kFineClimbs = 4;       // ...moving on toward a better place this many times at most
constexpr double kInlierPx = 1.0;    // tracking px: a match this far from the spine's motion is
                                     // an outlier
constexpr double kMinPatchMm = 24.0, kMaxPatchMm = 72.0;
constexpr double kMinPatchKept = 0.6;  // share of a template that must lie inside the image

// Sub-pixel offset of a peak from its neighbours (a parabola through three values).
double parabolaOffset(double left, double centre, double right) {
  const double denominator = left - 2 * centre + right;
  return std::abs(denominator) > 1e-12 ? std::clamp(0.5 * (left - right) / denominator, -0.5, 0.5)
                                       : 0.0;
}
// The image with the needle closed over (a band along it filled from a morphological closing,
// which removes thin dark lines): a needle crossing a vertebra as it advances would otherwise
// drag that vertebra's marker along with it. `binned` is the frame averaged over binning x
// binning px; it is changed in place.
void closeOverNeedle(cv::Mat& binned, const NeedleObservation* needle, int binning) {
  constexpr int kNeedleBandPx = 3;  // binned px either side of the needle's line
  if (needle == nullptr || !needle->found) return;
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
  if (box.empty()) return;
  cv::Mat closed;
  cv::morphologyEx(binned(box), closed, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  cv::Mat band = cv::Mat::zeros(box.size(), CV_8UC1);
  cv::line(band, cv::Point(a - cv::Point2d(box.tl())), cv::Point(b - cv::Point2d(box.tl())),
           cv::Scalar(255), 2 * kNeedleBandPx + 1);
  closed.copyTo(binned(box), band);
}

// The middle distance between neighbouring markers (frame px); 0 with fewer than two.
double markerPitchPx(const std::vector<LevelMarker>& markers) {
  std::vector<double> nearest;
  for (size_t i = 0; i < markers.size(); ++i) {
    double best = 0;
    for (size_t j = 0; j < markers.size(); ++j) {
      const double d = cv::norm(markers[i].centerPx - markers[j].centerPx);
      if (j != i && d > 0 && (best == 0 || d < best)) best = d;
    }
    if (best > 0) nearest.push_back(best);
  }
  if (nearest.empty()) return 0;
  std::nth_element(nearest.begin(), nearest.begin() + nearest.size() / 2, nearest.end());
  return nearest[nearest.size() / 2];
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

// Normalised cross-correlation of `templ` at every place in `window`, computed directly: for
// the few places of a refinement this is far cheaper than matchTemplate's transforms.
// `centred`: the template less its mean; `templNorm`: its norm.
cv::Mat correlationScores(const cv::Mat& window, const cv::Mat& centred, double templNorm) {
  const cv::Size templ = centred.size();
  const double n = static_cast<double>(templ.area());
  cv::Mat scores(window.rows - templ.height + 1, window.cols - templ.width + 1, CV_32F);
  cv::Mat sums, squares;
  cv::integral(window, sums, squares, CV_64F, CV_64F);
  auto boxSum = [&](const cv::Mat& integral, int x, int y) {
    return integral.at<double>(y + templ.height, x + templ.width) -
           integral.at<double>(y, x + templ.width) - integral.at<double>(y + templ.height, x) +
           integral.at<double>(y, x);
  };
  for (int oy = 0; oy < scores.rows; ++oy) {
    for (int ox = 0; ox < scores.cols; ++ox) {
      const cv::Mat place = window(cv::Rect(ox, oy, templ.width, templ.height));
      const double cross = centred.dot(place);
      const double sum = boxSum(sums, ox, oy), square = boxSum(squares, ox, oy);
      const double spread = std::sqrt(std::max(square - sum * sum / n, 0.0));
      scores.at<float>(oy, ox) =
          spread > 0 && templNorm > 0 ? static_cast<float>(cross / (spread * templNorm)) : 0.f;
    }
  }
  return scores;
}

// The peak of a match score at `at`, to a fraction of a pixel.
cv::Point2d subPixelPeak(const cv::Mat& score, cv::Point at) {
  const float best = score.at<float>(at.y, at.x);
  double dx = 0, dy = 0;
  if (at.x > 0 && at.x < score.cols - 1) {
    dx = parabolaOffset(score.at<float>(at.y, at.x - 1), best, score.at<float>(at.y, at.x + 1));
  }
  if (at.y > 0 && at.y < score.rows - 1) {
    dy = parabolaOffset(score.at<float>(at.y - 1, at.x), best, score.at<float>(at.y + 1, at.x));
  }
  return {at.x + dx, at.y + dy};
}

}  // namespace

// A tracking pixel i covers frame pixels n*i .. n*i + n - 1 (n = binning x reduction): its
// centre lies at n*i + (n - 1) / 2 in frame px.
cv::Point2d LevelTracker::toTracking(cv::Point2d framePx) const {
  const int n = binning_ * reduction_;
  const double half = (n - 1) / 2.0;
  return {(framePx.x - half) / n, (framePx.y - half) / n};
}

cv::Point2d LevelTracker::fromTracking(cv::Point2d trackingPx) const {
  const int n = binning_ * reduction_;
  const double half = (n - 1) / 2.0;
  return {trackingPx.x * n + half, trackingPx.y * n + half};
}

// The binned frame with the needle closed over.
cv::Mat LevelTracker::fineImage(const cv::Mat& binned, const NeedleObservation* needle) const {
  if (needle == nullptr || !needle->found) return binned;
  cv::Mat out = binned.clone();
  closeOverNeedle(out, needle, binning_);
  return out;
}

// The binned image averaged down to tracking px.
cv::Mat LevelTracker::reduced(const cv::Mat& fine) const {
  if (reduction_ == 1) return fine;
  const cv::Rect whole(0, 0, fine.cols / reduction_ * reduction_,
                       fine.rows / reduction_ * reduction_);
  cv::Mat out;
  cv::resize(fine(whole), out, whole.size() / reduction_, 0, 0, cv::INTER_AREA);
  return out;
}

// A tracking px i covers binned px r*i .. r*i + r - 1 (r = reduction): its centre is at
// r*i + (r - 1) / 2 in binned px.
cv::Point2d LevelTracker::coarseToFine(cv::Point2d coarsePx) const {
  const double half = (reduction_ - 1) / 2.0;
  return {coarsePx.x * reduction_ + half, coarsePx.y * reduction_ + half};
}

cv::Point2d LevelTracker::fineToCoarse(cv::Point2d finePx) const {
  const double half = (reduction_ - 1) / 2.0;
  return {(finePx.x - half) / reduction_, (finePx.y - half) / reduction_};
}

void LevelTracker::label(const core::FrameFormat& format, const cv::Mat& binned, int binning,
                         std::vector<LevelMarker> markers, LevelCounting counting,
                         const NeedleObservation* needle) {
  binning_ = std::max(1, binning);
  // Without a spacing, the detector pixel the guidance assumes (AnalysisScale; the tracker's sizes
  // are at the detector, so no magnification enters).
  const double mmPerFramePx = format.hasSpacing() ? format.mmPerPixelX : kAssumedDetectorMmPerPx;
  reduction_ = std::max(
      1, static_cast<int>(std::lround(settings_.trackingPxMm / (mmPerFramePx * binning_))));
  const double mmPerTrackingPx = mmPerFramePx * binning_ * reduction_;
  const double pitchPx = markerPitchPx(markers);
  const double patchMm = pitchPx > 0
                             ? std::clamp(settings_.patchShareOfPitch * pitchPx * mmPerFramePx,
                                          kMinPatchMm, kMaxPatchMm)
                             : settings_.patchMm;
  patchPx_ = std::max(8, static_cast<int>(patchMm / mmPerTrackingPx) | 1);
  searchPx_ = std::max(4, static_cast<int>(settings_.searchMm / mmPerTrackingPx));
  nearPx_ = std::max(2, static_cast<int>(kNearMm / mmPerTrackingPx));
  clear();
  counting_ = counting;
  const cv::Mat fine = fineImage(binned, needle), coarse = reduced(fine);
  const cv::Rect all(0, 0, coarse.cols, coarse.rows);
  const cv::Rect fineAll(0, 0, fine.cols, fine.rows);
  for (LevelMarker& m : markers) {
    const cv::Point2d c = toTracking(m.centerPx);
    const cv::Point rounded(static_cast<int>(std::lround(c.x)), static_cast<int>(std::lround(c.y)));
    // A vertebra near the image's edge keeps the part of its patch inside the image, when that
    // is most of it each way.
    const cv::Rect patch =
        cv::Rect(rounded.x - patchPx_ / 2, rounded.y - patchPx_ / 2, patchPx_, patchPx_) & all;
    const double kept = std::min(patch.width, patch.height) / static_cast<double>(patchPx_);
    if (kept < kMinPatchKept || !patch.contains(rounded)) {
      continue;  // too near the edge to follow
    }
    templates_.push_back(coarse(patch).clone());
    offsets_.push_back(c - cv::Point2d(patch.tl()));  // the centre within its template
    const cv::Rect finePatch = cv::Rect(patch.x * reduction_, patch.y * reduction_,
                                        patch.width * reduction_, patch.height * reduction_) &
                               fineAll;
    // Kept less its mean, with its norm: the refinement's correlation needs only those.
    cv::Mat centred = fine(finePatch) - cv::mean(fine(finePatch))[0];
    fineNorms_.push_back(cv::norm(centred));
    fineTemplates_.push_back(std::move(centred));
    fineOffsets_.push_back(coarseToFine(c) - cv::Point2d(finePatch.tl()));
    lastCorrelation_.push_back(1.0);
    lastCoarseCorrelation_.push_back(1.0);
    labelledPx_.push_back(m.centerPx);
    m.correlation = 1;
    m.lost = false;
    markers_.push_back(m);
  }
}

// Template i in binned px, looked for a pixel either way of `coarsePx` and climbing toward a
// better place while the best is on the window's edge: the sub-pixel centre (tracking px) and
// the correlation there; none when it does not settle within a few climbs.
std::optional<cv::Point2d> LevelTracker::fineMatch(size_t i, const cv::Mat& fine,
                                                   cv::Point2d coarsePx, double* best) const {
  const cv::Point2d start = coarseToFine(coarsePx) - fineOffsets_[i];
  cv::Point corner(static_cast<int>(std::lround(start.x)), static_cast<int>(std::lround(start.y)));
  const cv::Size size = fineTemplates_[i].size();
  for (int climb = 0; climb < kFineClimbs; ++climb) {
    const cv::Rect window =
        cv::Rect(corner.x - kFineRangePx, corner.y - kFineRangePx, size.width + 2 * kFineRangePx,
                 size.height + 2 * kFineRangePx) &
        cv::Rect(0, 0, fine.cols, fine.rows);
    if (window.width <= size.width || window.height <= size.height) return std::nullopt;
    const cv::Mat score = correlationScores(fine(window), fineTemplates_[i], fineNorms_[i]);
    cv::Point at;
    cv::minMaxLoc(score, nullptr, best, nullptr, &at);
    if (at.x > 0 && at.y > 0 && at.x < score.cols - 1 && at.y < score.rows - 1)
      return fineToCoarse(cv::Point2d(window.tl()) + subPixelPeak(score, at) + fineOffsets_[i]);
    corner = window.tl() + at;  // the best place so far, in the middle of the next window
  }
  return std::nullopt;
}

// Template i in tracking px, looked for near `coarsePx` and over the whole search range when the
// near match is weak or on the window's edge.
std::optional<cv::Point2d> LevelTracker::coarseMatch(size_t i, const cv::Mat& coarse,
                                                     cv::Point2d coarsePx, double* best) const {
  const cv::Rect all(0, 0, coarse.cols, coarse.rows);
  const cv::Size size = templates_[i].size();
  const cv::Point corner(static_cast<int>(std::lround(coarsePx.x - offsets_[i].x)),
                         static_cast<int>(std::lround(coarsePx.y - offsets_[i].y)));
  cv::Rect window;
  cv::Mat score;
  cv::Point at;
  for (const int range : {nearPx_, searchPx_}) {
    window = cv::Rect(corner.x - range, corner.y - range, size.width + 2 * range,
                      size.height + 2 * range) &
             all;
    if (window.width <= size.width || window.height <= size.height) break;
    cv::matchTemplate(coarse(window), templates_[i], score, cv::TM_CCOEFF_NORMED);
    cv::minMaxLoc(score, nullptr, best, nullptr, &at);
    const bool onEdge = at.x == 0 || at.y == 0 || at.x == score.cols - 1 || at.y == score.rows - 1;
    if (!onEdge && *best >= kKeepShare * lastCoarseCorrelation_[i]) break;
  }
  if (score.empty()) return std::nullopt;
  return cv::Point2d(window.tl()) + subPixelPeak(score, at) + offsets_[i];
}

const std::vector<LevelMarker>& LevelTracker::track(const cv::Mat& binned,
                                                    const NeedleObservation* needle) {
  const cv::Mat fine = fineImage(binned, needle);
  cv::Mat coarse;  // reduced only when some marker has to be looked for further
  // 1. Each marker's template, looked for around where the marker was.
  std::vector<cv::Point2f> from, to;
  std::vector<size_t> matched;
  for (size_t i = 0; i < markers_.size(); ++i) {
    LevelMarker& m = markers_[i];
    const cv::Point2d c = toTracking(m.centerPx);
    m.correlation = 0;
    // The patient mostly lies still: first a pixel either way of where the marker is, in binned
    // px; when that match is weaker than the last, near and then further in tracking px.
    double best = 0;
    std::optional<cv::Point2d> centre = fineMatch(i, fine, c, &best);
    if (!centre || best < kKeepShare * lastCorrelation_[i]) {
      if (coarse.empty()) coarse = reduced(fine);
      double coarseBest = 0;
      centre = coarseMatch(i, coarse, c, &coarseBest);
      if (!centre) continue;
      lastCoarseCorrelation_[i] = std::max(coarseBest, settings_.minCorrelation);
      best = coarseBest;
      if (coarseBest >= settings_.minCorrelation && reduction_ > 1) {
        if (auto refined = fineMatch(i, fine, *centre, &best)) centre = refined;
      }
    }
    m.correlation = best;
    lastCorrelation_[i] = std::max(best, settings_.minCorrelation);
    if (best < settings_.minCorrelation) continue;
    from.emplace_back(toTracking(labelledPx_[i]));
    to.emplace_back(*centre);
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
      const cv::Point2d p = toTracking(labelledPx_[i]);
      const cv::Point2d moved(transform.at<double>(0, 0) * p.x + transform.at<double>(0, 1) * p.y +
                                  transform.at<double>(0, 2),
                              transform.at<double>(1, 0) * p.x + transform.at<double>(1, 1) * p.y +
                                  transform.at<double>(1, 2));
      markers_[i].centerPx = fromTracking(moved);
      markers_[i].lost = false;
    }
    for (size_t k = 0; k < matched.size(); ++k) {
      if (!inliers[k]) markers_[matched[k]].correlation = 0;  // its own match was not used
    }
  } else {
    for (size_t i = 0; i < markers_.size(); ++i) markers_[i].lost = true;
    for (size_t k = 0; k < matched.size(); ++k) {
      markers_[matched[k]].centerPx = fromTracking(cv::Point2d(to[k]));
      markers_[matched[k]].lost = false;
    }
  }
  return markers_;
}

}  // namespace fg::guidance

namespace fg::guidance {

std::vector<LevelMarker> mergeLabels(const std::vector<LevelMarker>& kept,
                                     std::vector<LevelMarker> named,
                                     const core::PatientOrientation& orientation, int lumbarCount,
                                     std::string* note) {
  constexpr double kApartShare = 0.5;  // of the pitch: a kept marker this near a named one goes
  std::vector<LevelMarker> all = named;
  double pitch = 0;
  for (size_t i = 0; i + 1 < named.size(); ++i)
    pitch = std::max(pitch, cv::norm(named[i + 1].centerPx - named[i].centerPx));
  auto namedOnly = [&](const std::string& why) {
    if (note != nullptr) {
      *note = "the new names disagree with the markers already placed (" + why +
              "): those markers were replaced";
    }
    std::vector<cv::Point2d> centres;
    for (const LevelMarker& m : named) centres.push_back(m.centerPx);
    std::vector<LevelMarker> out;
    for (size_t j : headToFoot(centres, orientation)) out.push_back(named[j]);
    return out;
  };
  for (const LevelMarker& k : kept) {
    bool add = true;
    for (const LevelMarker& n : named) {
      const bool near = pitch > 0 && cv::norm(n.centerPx - k.centerPx) < kApartShare * pitch;
      if (near && n.label != k.label) return namedOnly(k.label + " is now named " + n.label);
      if (!near && n.label == k.label) return namedOnly(k.label + " moved a whole level");
      if (near || n.label == k.label) add = false;
    }
    if (add) all.push_back({k.label, k.centerPx});
  }
  // Head to foot, the labels must run in their own order.
  std::vector<cv::Point2d> centres;
  for (const LevelMarker& m : all) centres.push_back(m.centerPx);
  const std::vector<size_t> order = headToFoot(centres, orientation);
  std::vector<LevelMarker> sorted;
  int last = -1;
  for (size_t i : order) {
    const int index = levelIndex(all[i].label, lumbarCount);
    if (index <= last) return namedOnly(all[i].label + " would lie out of order");
    last = index;
    sorted.push_back(all[i]);
  }
  return sorted;
}

}  // namespace fg::guidance
