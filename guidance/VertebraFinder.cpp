#include "guidance/VertebraFinder.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <utility>

#include "guidance/AnalysisScale.hpp"
#include "guidance/LevelLabels.hpp"

namespace fg::guidance {
namespace {

constexpr double kSearchPx = 0.8;         // mm at the anatomy per px of the search image
constexpr double kPitchTolerance = 0.3;   // a later neighbour lies within 30 % of the last pitch
constexpr double kMinKept = 0.6;          // share of a patch that must lie inside the image
constexpr double kJumpAcrossShare = 0.3;  // of the sideways range, past a vertebra unlike the next
constexpr double kLikeNeighbour = 0.75;   // neighbouring lumbar vertebrae match at least this well
constexpr double kPeakClearPx = 1.0;      // a match's peak lies this far inside its band (search px)

// Where the next vertebra may lie after a pitch of `pitchPx` (0: none measured yet): within the
// tolerance of it, and never outside the anatomy's range [minPx, maxPx].
std::pair<double, double> pitchBand(double pitchPx, double minPx, double maxPx) {
  if (pitchPx <= 0) return {minPx, maxPx};
  return {std::max(minPx, pitchPx * (1 - kPitchTolerance)), std::min(maxPx, pitchPx * (1 + kPitchTolerance))};
}

struct Found {
  cv::Point2d centre;  // search px
  double correlation = 0;
};

// The patch of `side` px around `centre` inside the image, or none when too little is inside.
std::optional<cv::Rect> patchAround(cv::Point2d centre, int side, cv::Size image) {
  const cv::Rect full(static_cast<int>(std::lround(centre.x)) - side / 2,
                      static_cast<int>(std::lround(centre.y)) - side / 2, side, side);
  const cv::Rect inside = full & cv::Rect(cv::Point(0, 0), image);
  if (std::min(inside.width, inside.height) < kMinKept * side) return std::nullopt;
  return inside;
}

// The best place for `templ` (whose centre sits at `offset` in it) with its centre within the
// parallelogram `along` x [nearPx, farPx] ahead of `from` and `acrossPx` either side.
std::optional<Found> bestAhead(const cv::Mat& image, const cv::Mat& templ, cv::Point2d offset,
                               cv::Point2d from, cv::Point2d along, double nearPx, double farPx,
                               double acrossPx) {
  const cv::Point2d across(-along.y, along.x);
  // The bounding box of the centres allowed, then of the template placed there.
  double minX = 1e9, minY = 1e9, maxX = -1e9, maxY = -1e9;
  for (double a : {nearPx, farPx}) {
    for (double c : {-acrossPx, acrossPx}) {
      const cv::Point2d p = from + along * a + across * c;
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x);
      minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
  }
  const cv::Rect corners(cv::Point(static_cast<int>(std::floor(minX - offset.x)),
                                   static_cast<int>(std::floor(minY - offset.y))),
                         cv::Point(static_cast<int>(std::ceil(maxX - offset.x)) + 1,
                                   static_cast<int>(std::ceil(maxY - offset.y)) + 1));
  // Near the image's edge the template loses the part that would fall outside at some of the
  // places looked at (most of it must remain).
  const cv::Rect placements(corners.tl(), corners.size() + templ.size() - cv::Size(1, 1));
  const cv::Rect window = placements & cv::Rect(0, 0, image.cols, image.rows);
  const cv::Point cropTopLeft = window.tl() - placements.tl();
  const cv::Point cropBottomRight = placements.br() - window.br();
  const cv::Rect keep(cropTopLeft, templ.size() - cv::Size(cropTopLeft + cropBottomRight));
  if (keep.width < kMinKept * templ.cols || keep.height < kMinKept * templ.rows)
    return std::nullopt;
  if (window.width < keep.width || window.height < keep.height) return std::nullopt;
  offset -= cv::Point2d(keep.tl());
  cv::Mat score;
  cv::matchTemplate(image(window), templ(keep), score, cv::TM_CCOEFF_NORMED);
  // Only centres inside the parallelogram count.
  std::optional<Found> best;
  double bestAlong = 0;
  for (int y = 0; y < score.rows; ++y) {
    const float* row = score.ptr<float>(y);
    for (int x = 0; x < score.cols; ++x) {
      const cv::Point2d centre = cv::Point2d(window.x + x, window.y + y) + offset;
      const cv::Point2d d = centre - from;
      const double a = d.dot(along), c = std::abs(d.dot(across));
      if (a < nearPx || a > farPx || c > acrossPx) continue;
      if (!best || row[x] > best->correlation) {
        best = Found{centre, row[x]};
        bestAlong = a;
      }
    }
  }
  // A neighbour is a peak of the match along the spine. Best at the nearest place looked at, the
  // match only falls away from the patch itself (a soft image: soft tissue and gas look alike
  // at any small shift); best at the farthest, it still rises beyond the band: neither is a
  // vertebra.
  if (best && (bestAlong < nearPx + kPeakClearPx || bestAlong > farPx - kPeakClearPx)) return std::nullopt;
  return best;
}

// The vertebral pitch (px) from the image alone: the intensity profile along the spine through
// `anchor` (averaged over a band across it) repeats once per vertebra; the lag between `minPx`
// and `maxPx` where it best matches itself. 0 when the profile is too short.
double profilePitchPx(const cv::Mat& image, cv::Point2d anchor, cv::Point2d along, double minPx,
                      double maxPx, double bandPx) {
  const cv::Point2d across(-along.y, along.x);
  std::vector<double> profile;
  const int reach = static_cast<int>(3 * maxPx);
  for (int t = -reach; t <= reach; ++t) {
    double sum = 0;
    int n = 0;
    for (int c = -static_cast<int>(bandPx); c <= static_cast<int>(bandPx); ++c) {
      const cv::Point2d p = anchor + along * t + across * c;
      const int x = static_cast<int>(std::lround(p.x)), y = static_cast<int>(std::lround(p.y));
      if (x < 0 || y < 0 || x >= image.cols || y >= image.rows) continue;
      sum += image.at<float>(y, x);
      ++n;
    }
    if (n > 0) profile.push_back(sum / n);
  }
  const int lo = static_cast<int>(minPx), hi = static_cast<int>(maxPx);
  if (static_cast<int>(profile.size()) < 2 * hi) return 0;
  double mean = 0;
  for (double v : profile) mean += v;
  mean /= static_cast<double>(profile.size());
  for (double& v : profile) v -= mean;
  double best = 0;
  int bestLag = 0;
  for (int lag = lo; lag <= hi; ++lag) {
    double sum = 0, a2 = 0, b2 = 0;
    for (size_t i = 0; i + static_cast<size_t>(lag) < profile.size(); ++i) {
      sum += profile[i] * profile[i + lag];
      a2 += profile[i] * profile[i];
      b2 += profile[i + lag] * profile[i + lag];
    }
    const double r = a2 > 0 && b2 > 0 ? sum / std::sqrt(a2 * b2) : 0;
    if (r > best) best = r, bestLag = lag;
  }
  // At either end of the range the profile only keeps falling (or rising) past it: no pitch.
  if (bestLag <= lo || bestLag >= hi) return 0;
  return bestLag;
}

// The neighbour of a vertebra that resembles none of its neighbours (S1 beside L5): one profile
// pitch on, placed by matching the vertebra beyond it back onto it. None when that does not hold.
std::optional<Found> acrossUnlike(const cv::Mat& image, cv::Point2d from, cv::Point2d along,
                                  const VertebraSearch& search, double mmPerPx) {
  // The guessed patch is off-centre by the pitch's error: kept near the spine's line, it cannot
  // slide sideways onto a look-alike.
  const double acrossPx = kJumpAcrossShare * search.acrossMm / mmPerPx;
  const double pitchPx = profilePitchPx(image, from, along, search.minPitchMm / mmPerPx,
                                        search.maxPitchMm / mmPerPx, acrossPx);
  if (pitchPx <= 0) return std::nullopt;
  const cv::Point2d guess = from + along * pitchPx;
  const int side = static_cast<int>(search.patchShareOfPitch * pitchPx) | 1;
  const std::optional<cv::Rect> patch = patchAround(guess, side, image.size());
  if (!patch) return std::nullopt;
  // The vertebra beyond the guess, from the guess's patch...
  const double minPx = search.minPitchMm / mmPerPx, maxPx = search.maxPitchMm / mmPerPx;
  const auto [nearPx, farPx] = pitchBand(pitchPx, minPx, maxPx);
  const std::optional<Found> beyond =
      bestAhead(image, image(*patch), guess - cv::Point2d(patch->tl()), guess, along, nearPx, farPx, acrossPx);
  if (!beyond || beyond->correlation < search.minCorrelation) return std::nullopt;
  // ...and from its own patch back: where the neighbour really is.
  const std::optional<cv::Rect> beyondPatch = patchAround(beyond->centre, side, image.size());
  if (!beyondPatch) return std::nullopt;
  const auto [nearThere, farThere] = pitchBand(cv::norm(beyond->centre - guess), minPx, maxPx);
  return bestAhead(image, image(*beyondPatch), beyond->centre - cv::Point2d(beyondPatch->tl()),
                   beyond->centre, -along, nearThere, farThere, acrossPx);
}

}  // namespace

std::vector<cv::Point2d> findVertebrae(const core::FrameFormat& format, const cv::Mat& binned,
                                       int binning, cv::Point2d anchorPx,
                                       const VertebraSearch& search) {
  // At the anatomy (estimated, and said on screen, without a spacing).
  const double mmPerFramePx = analysisScale(format, 1).mmPerPx;
  const int reduction =
      std::max(1, static_cast<int>(std::lround(kSearchPx / (mmPerFramePx * binning))));
  const int n = binning * reduction;  // frame px per search px
  const double mmPerPx = mmPerFramePx * n;
  cv::Mat image;
  const cv::Rect whole(0, 0, binned.cols / reduction * reduction,
                       binned.rows / reduction * reduction);
  cv::resize(binned(whole), image, whole.size() / reduction, 0, 0, cv::INTER_AREA);
  const double half = (n - 1) / 2.0;
  auto toSearch = [&](cv::Point2d p) { return (p - cv::Point2d(half, half)) * (1.0 / n); };
  auto toFrame = [&](cv::Point2d p) { return p * n + cv::Point2d(half, half); };

  const cv::Point2d head = headInImage(format.orientation);
  const cv::Point2d anchor = toSearch(anchorPx);
  std::vector<cv::Point2d> above, below;
  for (const double sign : {1.0, -1.0}) {
    std::vector<cv::Point2d>& out = sign > 0 ? above : below;
    const cv::Point2d along = head * sign;
    cv::Point2d from = anchor;
    double pitchPx = 0;
    int side = static_cast<int>(search.patchMm / mmPerPx) | 1;
    for (int step = 0; step < search.maxEachWay; ++step) {
      const std::optional<cv::Rect> patch = patchAround(from, side, image.size());
      if (!patch) break;
      const cv::Mat templ = image(*patch);
      const cv::Point2d offset = from - cv::Point2d(patch->tl());
      const auto [nearPx, farPx] = pitchBand(pitchPx, search.minPitchMm / mmPerPx, search.maxPitchMm / mmPerPx);
      std::optional<Found> next =
          bestAhead(image, templ, offset, from, along, nearPx, farPx, search.acrossMm / mmPerPx);
      if (step == 0 && (!next || next->correlation < kLikeNeighbour)) {
        // The one pointed at may look like no neighbour (S1 beside L5): a weak match may have
        // slid sideways; one pitch on, the next pair of look-alikes places it better.
        const std::optional<Found> jumped = acrossUnlike(image, from, along, search, mmPerPx);
        if (jumped && jumped->correlation >= search.minCorrelation) next = jumped;
      }
      if (!next || next->correlation < search.minCorrelation) break;
      pitchPx = cv::norm(next->centre - from);
      out.push_back(toFrame(next->centre));
      from = next->centre;
      side = std::max(side / 2, static_cast<int>(search.patchShareOfPitch * pitchPx) | 1);
    }
  }
  std::vector<cv::Point2d> all(above.rbegin(), above.rend());
  all.push_back(anchorPx);
  all.insert(all.end(), below.begin(), below.end());
  return all;
}

core::Result<std::vector<LevelMarker>> labelVertebrae(const core::FrameFormat& format,
                                                      const cv::Mat& binned, int binning,
                                                      cv::Point2d vertebraPx,
                                                      const std::string& label, int lumbarCount) {
  const int at = levelIndex(label, lumbarCount);
  if (at < 0) {
    // The same wording as counting's own check.
    return labelsByCounting(1, 0, label, lumbarCount).status();
  }
  const std::vector<cv::Point2d> found = findVertebrae(format, binned, binning, vertebraPx);
  const auto anchor =
      static_cast<int>(std::find(found.begin(), found.end(), vertebraPx) - found.begin());
  const std::vector<std::string> sequence = levelSequence(lumbarCount);
  std::vector<LevelMarker> out;
  for (int i = 0; i < static_cast<int>(found.size()); ++i) {
    const int level = at + (i - anchor);
    if (level < 0 || level >= static_cast<int>(sequence.size())) continue;
    out.push_back({sequence[static_cast<size_t>(level)], found[static_cast<size_t>(i)]});
  }
  return out;
}

}  // namespace fg::guidance
