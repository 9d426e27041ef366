#include "guidance/NeedleDetector.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "guidance/AnalysisScale.hpp"
#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {

// Sizes in mm at the anatomy (AnalysisScale of the full frame); sampling steps in px.
constexpr double kCoarseTopHatMm = 2.6;    // wider than the widest one's image (a 1.6 mm K-wire, blurred)...
constexpr double kFineTopHatMm = 1.4;      // ...on the binned image; at full size, at least this...
constexpr double kTopHatOverWidth = 2.0;   // ...and this many times the line's width there
// Without a spacing the sizes are a guess (AnalysisScale): a feed of a small intensifier field
// may show the patient half as large again as assumed, and a K-wire wider than the top-hat left
// only its two edges to trace.
constexpr double kEstimatedWidthSlack = 1.5;
constexpr double kFineSmoothMm = 0.2;         // the full-size response averaged this far (a 25G is 0.5 mm)...
constexpr double kMaxSmoothedPixelMm = 0.135;  // ...on pixels this fine or finer at the spine
constexpr double kMinResponseSigma = 0.5;  // the image's units (a grey level of an 8-bit feed)
constexpr double kProfileStepPx = 0.25;    // sampling across the needle when re-centring
constexpr double kRecentreMm = 0.4;        // how far across the needle each step looks...
constexpr double kRecentreOverWidth = 0.75;  // ...and at least this share of its width
constexpr double kTraceStepPx = 1.0;
constexpr int kMaxTraceSteps = 6000;
constexpr double kDirectionFollow = 0.15;  // share of each step's turn taken into the direction
constexpr double kTracePadMm = 12.0;       // room around the coarse segment for the trace...
constexpr double kSpanningPadMm = 8.0;     // ...or around one that spans the last needle
constexpr double kGrowMm = 32.0;           // ...grown by this much where the needle runs out of it
constexpr int kMaxGrowths = 4;
constexpr double kBorderPx = 3.0;
constexpr double kEndLevelShare = 0.5;   // an end is where the response falls to half its level...
constexpr double kLocalLevelMm = 3.0;    // ...over the last 3 mm traced
constexpr double kMinTraceSigma = 3.0;   // and never below 3 noise sigmas
constexpr double kLookaheadMm = 2.8;     // past a drop, this far is checked for a fainter needle
constexpr double kFainterShare = 0.2;    // which keeps at least this share of the level
constexpr double kLookaheadStraightMm = 0.2;  // and stays this close to the straight line on
constexpr double kLookaheadStrayMm = 0.4;     // (on average; no one step further than this)
constexpr double kTipAxisMm = 12.0;   // the axis is fitted over this much of the needle at the tip...
constexpr double kTipAxisOverWidth = 15.0;  // ...or this many of its widths
constexpr size_t kSegmentsTried = 3;  // the strongest segments are refined in turn
constexpr double kExtremeShare = 0.995;    // within half a per cent of either end of the range
constexpr double kMinContrastSigma = 7.0;  // steel: anatomy's thin lines stay well below
constexpr double kMaxBowShare = 0.05;      // a needle bends a little; an organ's rim curves
constexpr double kBowSlackMm = 0.4;
constexpr double kAlignedCosine = 0.995;   // a segment this parallel to the last needle...
constexpr double kOnLineMm = 1.2;          // ...and this close to its line lies along it
constexpr double kSteelSigma = 16.0;       // candidates searched first: far above anatomy's lines
constexpr double kEdgeBandMm = 6.0;        // a line with this share of it this near the field's edge...
constexpr double kEdgeShare = 0.7;         // ...runs along the edge
constexpr int kEdgeSamples = 21;

// The image direction of the patient's anterior, when an image axis runs anterior-posterior
// (a lateral view); (0, 0) otherwise.
cv::Point2d anteriorInImage(const core::PatientOrientation& o) {
  auto sign = [](const core::PatientDirection& d) {
    const auto letters = d.letters();
    if (letters.empty()) return 0;
    return letters[0] == 'A' ? 1 : letters[0] == 'P' ? -1 : 0;
  };
  return {static_cast<double>(sign(o.row)), static_cast<double>(sign(o.column))};
}

double medianOf(std::vector<float> v) { return medianInPlace(v); }

// mm at the anatomy per frame px (estimated without a spacing; see AnalysisScale).
double mmPerPxOf(const core::FrameFormat& f) { return analysisScale(f, 1).mmPerPx; }

int oddPx(double px) { return std::max(3, static_cast<int>(std::lround(px)) | 1); }

// Noise of a top-hat response: robust spread about its median.
void responseLevels(const cv::Mat& response, double* median, double* sigma) {
  std::vector<float> samples;
  samples.reserve(response.total() / 4 + 1);
  for (int y = 0; y < response.rows; y += 2) {
    const float* r = response.ptr<float>(y);
    for (int x = 0; x < response.cols; x += 2) samples.push_back(r[x]);
  }
  *median = medianOf(samples);
  for (float& v : samples) v = static_cast<float>(std::abs(v - *median));
  // An 8-bit feed's noise may be below one grey level: then the quantisation sets the floor.
  *sigma = std::max(kMadToSigma * medianOf(samples), kMinResponseSigma);
}

cv::Mat blackTopHat(const cv::Mat& image, int sizePx) {
  cv::Mat out;
  cv::morphologyEx(image, out, cv::MORPH_BLACKHAT,
                   cv::getStructuringElement(cv::MORPH_RECT, {sizePx, sizePx}));
  return out;
}

float bilinear(const cv::Mat& m, double x, double y) {
  if (x < 0 || y < 0 || x > m.cols - 1.001 || y > m.rows - 1.001) return 0;
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const double fx = x - x0, fy = y - y0;
  const float* a = m.ptr<float>(y0);
  const float* b = m.ptr<float>(y0 + 1);
  return static_cast<float>((a[x0] * (1 - fx) + a[x0 + 1] * fx) * (1 - fy) +
                            (b[x0] * (1 - fx) + b[x0 + 1] * fx) * fy);
}

// The frame's pixels in `region` (frame px) as float.
cv::Mat frameRegion(const core::Frame& frame, const cv::Rect& region) {
  const auto& f = frame.format();
  const int type = f.pixelFormat == core::PixelFormat::Gray16 ? CV_16UC1 : CV_8UC1;
  const cv::Mat raw(f.height, f.width, type, const_cast<uint8_t*>(frame.bytes().data()));
  cv::Mat out;
  raw(region).convertTo(out, CV_32F);
  return out;
}

// The width (px) of the line from a to b in `response`, where it stays above half its peak
// across the line, the median over a few places along it.
double widthAtHalf(const cv::Mat& response, double background, cv::Point2d a, cv::Point2d b) {
  const double length = cv::norm(b - a);
  if (length < 1e-6) return 0;
  const cv::Point2d along = (b - a) * (1.0 / length), normal(-along.y, along.x);
  constexpr double kStepPx = 0.25, kReachPx = 12;
  std::vector<float> widths;
  for (int i = 2; i <= 8; ++i) {
    const cv::Point2d p = a + (b - a) * (i / 10.0);
    const float peak = bilinear(response, p.x, p.y);
    if (peak <= background) continue;
    const float half = static_cast<float>(background + 0.5 * (peak - background));
    double w = 0;
    for (const double side : {-1.0, 1.0}) {
      double o = 0;
      while (o < kReachPx && bilinear(response, p.x + side * normal.x * (o + kStepPx), p.y + side * normal.y * (o + kStepPx)) >= half)
        o += kStepPx;
      w += o;
    }
    widths.push_back(static_cast<float>(w + kStepPx));
  }
  return widths.empty() ? 0 : medianOf(widths);
}

// The strongest straight segments of candidates in `response` (a region of the binned image at
// `offset`), strongest first, scaled to frame px. When tracking, segments along the last axis
// are preferred.
std::vector<NeedleSegment> strongestSegments(const cv::Mat& response, double background, double threshold,
                                             double minLengthPx, cv::Point offset, int binning,
                                             const NeedleObservation& last) {
  const cv::Mat candidates = response > threshold;
  std::vector<cv::Vec4i> lines;
  cv::HoughLinesP(candidates, lines, 1, CV_PI / 180, std::max(8, static_cast<int>(minLengthPx / 2)),
                  minLengthPx, 3);
  struct Scored {
    double score;
    cv::Point2d a, b;  // in `response`
  };
  std::vector<Scored> scored;
  for (const cv::Vec4i& l : lines) {
    const cv::Point2d a(l[0], l[1]), b(l[2], l[3]);
    const double length = cv::norm(b - a);
    // Mean response along the segment: a needle is strong all along.
    double sum = 0;
    const int steps = std::max(2, static_cast<int>(length));
    for (int i = 0; i <= steps; ++i) {
      const cv::Point2d p = a + (b - a) * (static_cast<double>(i) / steps);
      sum += response.at<float>(static_cast<int>(std::lround(p.y)),
                                static_cast<int>(std::lround(p.x)));
    }
    const double mean = sum / (steps + 1);
    // Steel is far darker than any anatomical line: contrast counts more than length.
    double score = std::sqrt(length) * mean * mean;
    if (last.found) {
      const cv::Point2d d = (b - a) * (1.0 / std::max(length, 1e-6));
      const double alignment = std::abs(d.dot(last.axis));
      score *= 0.5 + 0.5 * alignment * alignment;
    }
    scored.push_back({score, a, b});
  }
  std::sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) { return x.score > y.score; });
  std::vector<NeedleSegment> out;
  const double s = binning, half = (binning - 1) / 2.0;
  for (size_t i = 0; i < scored.size() && i < kSegmentsTried; ++i) {
    const Scored& k = scored[i];
    out.push_back({{(k.a.x + offset.x) * s + half, (k.a.y + offset.y) * s + half},
                   {(k.b.x + offset.x) * s + half, (k.b.y + offset.y) * s + half},
                   widthAtHalf(response, background, k.a, k.b) * s});
  }
  return out;
}

// Burned-in text is white, at the top of the range: a dark gap between two white strokes looks
// like a needle. Near such strokes there is nothing to find. (Not at the bottom: a needle in
// contrast over bone may well be the darkest, clipped part of a video feed.)
void dropExtremes(cv::Mat& response, const cv::Mat& image, double maxValue, double mmPerPx) {
  const cv::Mat extreme = image >= kExtremeShare * maxValue;
  // Only thin white strokes (text): a wide saturated area (air beside the patient) is kept, a
  // needle may run across it.
  cv::Mat wide, strokes;
  const int wideningPx = oddPx(2.8 / mmPerPx), marginPx = oddPx(2.0 / mmPerPx);
  cv::morphologyEx(extreme, wide, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, {wideningPx, wideningPx}));
  cv::subtract(extreme, wide, strokes);
  cv::dilate(strokes, strokes, cv::getStructuringElement(cv::MORPH_RECT, {marginPx, marginPx}));
  response.setTo(0, strokes);
}

// Outside the field (blades, an intensifier's round window, a video's border, text) nothing is
// a needle: the response there is cleared. `field` is at the analysis size; `region` (in
// `fieldScale` px of the response, at `origin`) is where the response lies.
void keepInField(cv::Mat& response, const cv::Mat& field, cv::Point origin, double fieldScale) {
  if (field.empty()) return;
  CV_Assert(response.type() == CV_32FC1 && field.type() == CV_8UC1);
  // Each column's and row's field px once (the field is coarser than the response, or as fine).
  std::vector<int> fieldColumn(static_cast<size_t>(response.cols));
  for (int x = 0; x < response.cols; ++x)
    fieldColumn[static_cast<size_t>(x)] = std::clamp(static_cast<int>((x + origin.x) / fieldScale), 0, field.cols - 1);
  for (int y = 0; y < response.rows; ++y) {
    const uint8_t* f = field.ptr<uint8_t>(std::clamp(static_cast<int>((y + origin.y) / fieldScale), 0, field.rows - 1));
    float* r = response.ptr<float>(y);
    for (int x = 0; x < response.cols; ++x) {
      if (f[fieldColumn[static_cast<size_t>(x)]] == 0) r[x] = 0;
    }
  }
}

// Whether most of `line` (frame px) lies within `bandPx` (px of `field`, which is at `binning`)
// of the outside of `field`.
bool alongFieldEdge(const std::vector<cv::Point2d>& line, const cv::Mat& field, int binning, double bandPx) {
  if (field.empty() || line.size() < 2) return false;
  const int r = std::max(1, static_cast<int>(std::ceil(bandPx)));
  const cv::Rect bounds(0, 0, field.cols, field.rows);
  int near = 0, samples = 0;
  for (int i = 0; i < kEdgeSamples; ++i) {
    const cv::Point2d p = line[static_cast<size_t>(i) * (line.size() - 1) / (kEdgeSamples - 1)] * (1.0 / binning);
    const cv::Rect window = cv::Rect(static_cast<int>(p.x) - r, static_cast<int>(p.y) - r, 2 * r + 1, 2 * r + 1);
    const cv::Rect inside = window & bounds;
    ++samples;
    // Outside the image counts as outside the field.
    if (inside.area() < window.area() || cv::countNonZero(field(inside)) < inside.area()) ++near;
  }
  return near >= kEdgeShare * samples;
}

// A segment found along the last needle, reaching as far as that needle did: the trace then sees
// the whole needle in its first region instead of growing the region step by step. None when
// the segment does not lie along the last needle.
std::optional<NeedleSegment> alongLastNeedle(const NeedleSegment& segment,
                                             const NeedleObservation& last, double onLinePx) {
  const cv::Point2d chord = segment.b - segment.a;
  const double length = cv::norm(chord);
  if (length < 1e-6) return std::nullopt;
  const cv::Point2d along = chord * (1.0 / length);
  // The last needle's chord, hub to tip (its axis at the tip may be turned by a bend).
  const cv::Point2d lastChord = last.tipPx - last.hubPx;
  const double lastLength = cv::norm(lastChord);
  if (lastLength < 1e-6) return std::nullopt;
  const cv::Point2d lastAlong = lastChord * (1.0 / lastLength),
                    lastAcross(-lastAlong.y, lastAlong.x);
  const bool aligned = std::abs(along.dot(lastAlong)) > kAlignedCosine;
  const bool onLine = std::abs((segment.a - last.tipPx).dot(lastAcross)) < onLinePx &&
                      std::abs((segment.b - last.tipPx).dot(lastAcross)) < onLinePx;
  if (!aligned || !onLine) return std::nullopt;
  const double tipAt = (last.tipPx - segment.a).dot(along),
               hubAt = (last.hubPx - segment.a).dot(along);
  return NeedleSegment{segment.a + along * std::min({0.0, tipAt, hubAt}),
                       segment.a + along * std::max({length, tipAt, hubAt}), segment.widthPx};
}

}  // namespace

NeedleObservation NeedleDetector::detect(const core::Frame& frame, const cv::Mat& binned,
                                         int binning, const std::optional<cv::Point2d>& targetPx,
                                         const cv::Mat& field) {
  NeedleObservation found;
  field_ = field.size() == binned.size() ? field : cv::Mat();
  binning_ = binning;
  mmPerPx_ = mmPerPxOf(frame.format());
  widthSlack_ = analysisScale(frame.format(), 1).estimated() ? kEstimatedWidthSlack : 1.0;
  const cv::Rect all(0, 0, binned.cols, binned.rows);
  if (last_.found) {
    // Along the last needle first: the trace re-centres on it and follows it to its new ends,
    // with no line search at all.
    found = refine(frame, NeedleSegment{last_.hubPx, last_.tipPx, last_.widthPx}, kSpanningPadMm / mmPerPx_,
                   settings_.minLengthMm / mmPerPx_, targetPx);
    found.tracked = found.found;
  }
  if (last_.found && !found.found) {
    // Around the last needle next: cheaper, and a bone edge elsewhere cannot win.
    const double margin = settings_.trackMarginMm / mmPerPx_;
    cv::Rect region(
        cv::Point(static_cast<int>((std::min(last_.tipPx.x, last_.hubPx.x) - margin) / binning),
                  static_cast<int>((std::min(last_.tipPx.y, last_.hubPx.y) - margin) / binning)),
        cv::Point(
            static_cast<int>((std::max(last_.tipPx.x, last_.hubPx.x) + margin) / binning) + 1,
            static_cast<int>((std::max(last_.tipPx.y, last_.hubPx.y) + margin) / binning) + 1));
    region &= all;
    if (region.area() > 0) found = search(frame, binned, binning, region, targetPx);
    found.tracked = found.found;
  }
  if (!found.found) found = search(frame, binned, binning, all, targetPx);
  last_ = found;
  return found;
}

NeedleObservation NeedleDetector::search(const core::Frame& frame, const cv::Mat& binned,
                                         int binning, cv::Rect region,
                                         const std::optional<cv::Point2d>& targetPx) const {
  NeedleObservation out;
  const auto& f = frame.format();
  const double minLengthPx = settings_.minLengthMm / mmPerPx_;

  // 1. Candidates on the binned image, inside the field.
  cv::Mat coarse = blackTopHat(binned(region), oddPx(widthSlack_ * kCoarseTopHatMm / (mmPerPx_ * binning)));
  dropExtremes(coarse, binned(region), f.maxValue(), mmPerPx_ * binning);
  keepInField(coarse, field_, region.tl(), 1.0);
  double median = 0, sigma = 0;
  responseLevels(coarse, &median, &sigma);
  // Steel first: the lines far above anything anatomy draws, alone in their own search (among the
  // bone's candidates a needle's band gave the probabilistic transform points to walk off across
  // it at wrong angles, and a walk spends its points: a 22G needle was lost to the pelvic rim's
  // 7-sigma line); then every line above the candidates' threshold.
  for (const double thresholdSigma : {kSteelSigma, settings_.thresholdSigma}) {
    const std::vector<NeedleSegment> segments =
        strongestSegments(coarse, median, median + thresholdSigma * sigma, minLengthPx / binning, region.tl(), binning,
                          last_);
    for (const NeedleSegment& segment : segments) {
      const std::optional<NeedleSegment> spanning =
          last_.found ? alongLastNeedle(segment, last_, kOnLineMm / mmPerPx_) : std::nullopt;
      NeedleObservation candidate;
      if (spanning) candidate = refine(frame, *spanning, kSpanningPadMm / mmPerPx_, minLengthPx, targetPx);
      // The wider region also tells the needle's noise apart from contrast or bone edges near it.
      if (!candidate.found) candidate = refine(frame, segment, kTracePadMm / mmPerPx_, minLengthPx, targetPx);
      if (candidate.found) return candidate;
    }
  }
  return out;
}

NeedleObservation NeedleDetector::refine(const core::Frame& frame,
                                         const NeedleSegment& segmentFound, double padPx,
                                         double minLengthPx,
                                         const std::optional<cv::Point2d>& targetPx) const {
  NeedleObservation out;
  const auto& f = frame.format();
  const NeedleSegment* segment = &segmentFound;

  // 2. At full size, around the segment: trace the ridge from the segment's middle both ways,
  // re-centring on the strongest response across it at every step, so a needle that bends as it
  // passes tissue is followed to its real ends.
  const cv::Rect frameRect(0, 0, f.width, f.height);
  const double pad = padPx;
  cv::Rect box =
      cv::Rect(cv::Point(static_cast<int>(std::min(segment->a.x, segment->b.x) - pad),
                         static_cast<int>(std::min(segment->a.y, segment->b.y) - pad)),
               cv::Point(static_cast<int>(std::max(segment->a.x, segment->b.x) + pad) + 1,
                         static_cast<int>(std::max(segment->a.y, segment->b.y) + pad) + 1)) &
      frameRect;
  // A needle longer than the region around its strongest piece runs out of it: then the region
  // grows on that side and the trace runs again.
  // Sizes in this frame's px.
  const double mmPerPx = mmPerPx_;
  // A line wider than the needles' top-hat (a K-wire: 1.6 mm under a needle's top-hat leaves two
  // edges) gets its own: twice its width, at most the coarse one. Needles, 18G to 25G, keep the
  // needles' sizes below.
  const double floorPx = widthSlack_ * kFineTopHatMm / mmPerPx;
  const double wirePx = segment->widthPx > floorPx ? std::min(segment->widthPx, widthSlack_ * kCoarseTopHatMm / mmPerPx) : 0;
  const int fineTopHatPx = oddPx(std::min(widthSlack_ * kCoarseTopHatMm / mmPerPx, std::max(floorPx, kTopHatOverWidth * wirePx)));
  // Across a wide line (a K-wire) the look reaches past its flat top to both rims.
  const double recentrePx = std::max({1.0, kRecentreMm / mmPerPx, kRecentreOverWidth * wirePx});
  const int lookaheadSteps = std::max(4, static_cast<int>(std::lround(kLookaheadMm / mmPerPx / kTraceStepPx)));
  const double lookaheadStraightPx = kLookaheadStraightMm / mmPerPx, lookaheadStrayPx = kLookaheadStrayMm / mmPerPx;
  const size_t localLevelSteps = static_cast<size_t>(std::max(5L, std::lround(kLocalLevelMm / mmPerPx / kTraceStepPx)));
  // A wire bends less the thicker it is (its stiffness grows with the diameter's fourth power): a
  // K-wire's axis is fitted over more of it, where its wide flat top leaves each centre less sure.
  const double growPx = kGrowMm / mmPerPx,
               tipAxisPx = std::max(kTipAxisMm / mmPerPx, kTipAxisOverWidth * wirePx);
  cv::Mat fine;
  double fineMedian = 0, fineSigma = 0, level = 0;
  std::vector<cv::Point2d> line;
  for (int attempt = 0;; ++attempt) {
    if (box.width < fineTopHatPx || box.height < fineTopHatPx) return out;
    fine = blackTopHat(frameRegion(frame, box), fineTopHatPx);
    // Where a pixel is far finer than the thinnest needle (a flat panel's 0.1 mm at the spine,
    // 25G: 0.5 mm), its noise swamps the trace's single samples: the response is averaged over
    // a fraction of the needle's width first.
    if (mmPerPx <= kMaxSmoothedPixelMm) cv::GaussianBlur(fine, fine, cv::Size(0, 0), kFineSmoothMm / mmPerPx);
    keepInField(fine, field_, box.tl(), binning_);
    fineMedian = 0;
    fineSigma = 0;
    responseLevels(fine, &fineMedian, &fineSigma);
    const cv::Point2d a = segment->a - cv::Point2d(box.tl()),
                      b = segment->b - cv::Point2d(box.tl());
    const cv::Point2d along = (b - a) * (1.0 / std::max(cv::norm(b - a), 1e-6));
    // The needle's level: the median response along the middle half of the segment.
    // Across the needle at p: the response-weighted centre of the part above half the peak (a
    // sub-pixel centre, steadier than the peak sample), and the peak's response over the
    // background.
    const int samples = static_cast<int>(2 * recentrePx / kProfileStepPx) + 1;
    std::vector<double> values(static_cast<size_t>(samples));
    auto across = [&](cv::Point2d p, cv::Point2d d) {
      const cv::Point2d n(-d.y, d.x);
      double best = -1e30;
      for (int i = 0; i < samples; ++i) {
        const double o = -recentrePx + i * kProfileStepPx;
        values[static_cast<size_t>(i)] = bilinear(fine, p.x + n.x * o, p.y + n.y * o);
        best = std::max(best, values[static_cast<size_t>(i)]);
      }
      const double half = fineMedian + 0.5 * (best - fineMedian);
      double weight = 0, moment = 0;
      for (int i = 0; i < samples; ++i) {
        const double w = values[static_cast<size_t>(i)] - half;
        if (w <= 0) continue;
        weight += w;
        moment += w * (-recentrePx + i * kProfileStepPx);
      }
      const double offset = weight > 0 ? moment / weight : 0.0;
      return std::pair{p + n * offset, best - fineMedian};
    };
    std::vector<float> levels;
    for (double u = 0.25; u <= 0.75; u += 0.05)
      levels.push_back(static_cast<float>(across(a + (b - a) * u, along).second));
    level = medianOf(levels);
    if (level <= settings_.thresholdSigma * fineSigma) return out;
    // The needle's contrast changes along it (over air, soft tissue, bone): each end is where the
    // response falls to half of its level over the last stretch traced, not of a global level.
    const double floor = kMinTraceSigma * fineSigma;
    // Where the needle passes into denser tissue or bone its contrast drops in a step: look a few
    // px ahead, and go on when a fainter needle clearly continues there (taking its new level).
    auto continuesFainter = [&](cv::Point2d from, cv::Point2d d, double localLevel,
                                std::vector<float>& recent) {
      std::vector<float> ahead;
      double farOffset = 0;
      cv::Point2d p = from;
      const cv::Point2d normal(-d.y, d.x);
      for (int i = 0; i < lookaheadSteps; ++i) {
        const auto [next, value] = across(p + d * kTraceStepPx, d);
        // A needle goes straight on; a bone edge the trace slid onto wanders off the line (one
        // step in faint, noisy needle may stray a little further, the far half on average not).
        const double offset = (next - from).dot(normal);
        if (std::abs(offset) > lookaheadStrayPx) return false;
        if (2 * i >= lookaheadSteps) farOffset += offset / (lookaheadSteps - lookaheadSteps / 2);
        ahead.push_back(static_cast<float>(value));
        p = next;
      }
      if (std::abs(farOffset) > lookaheadStraightPx) return false;
      // The far half only: right at a skin line or bone edge the top-hat itself is disturbed.
      const std::vector<float> far(ahead.begin() + static_cast<long>(ahead.size() / 2),
                                   ahead.end());
      if (medianOf(far) < std::max(floor, kFainterShare * localLevel)) return false;
      std::fill(recent.begin(), recent.end(), static_cast<float>(medianOf(far)));
      return true;
    };
    auto trace = [&](cv::Point2d start, cv::Point2d direction) {
      std::vector<cv::Point2d> points;
      std::vector<float> recent(localLevelSteps, static_cast<float>(level));
      cv::Point2d p = start, d = direction;
      double lastValue = level;
      for (int step = 0; step < kMaxTraceSteps; ++step) {
        const auto [next, value] = across(p + d * kTraceStepPx, d);
        const double cut = std::max(floor, kEndLevelShare * medianOf(recent));
        if (value < cut && !continuesFainter(next, d, medianOf(recent), recent)) {
          // The end lies between p (above the cut) and the next step (below): interpolate.
          const double share =
              lastValue - value > 1e-9 ? (lastValue - cut) / (lastValue - value) : 0.5;
          points.push_back(p + (next - p) * std::clamp(share, 0.0, 1.0));
          break;
        }
        recent[static_cast<size_t>(step) % recent.size()] = static_cast<float>(value);
        // Follow the bend slowly: the needle's direction changes little per px.
        const cv::Point2d turned = next - p;
        d = d * (1 - kDirectionFollow) +
            turned * (kDirectionFollow / std::max(cv::norm(turned), 1e-9));
        d *= 1.0 / std::max(cv::norm(d), 1e-9);
        p = next;
        lastValue = value;
        points.push_back(p);
      }
      return points;
    };
    const cv::Point2d middle = across((a + b) * 0.5, along).first;
    std::vector<cv::Point2d> forward = trace(middle, along), backward = trace(middle, -along);
    // One polyline from the backward end through the middle to the forward end, in frame px.
    line.assign(backward.rbegin(), backward.rend());
    line.push_back(middle);
    line.insert(line.end(), forward.begin(), forward.end());
    for (cv::Point2d& p : line) p += cv::Point2d(box.tl());
    // An end on the region's border: the region grows along the needle's line past that end.
    bool grown = false;
    const cv::Point2d chord = line.back() - line.front();
    const cv::Point2d outward = chord * (1.0 / std::max(cv::norm(chord), 1e-6));
    for (const auto& [end, sign] : {std::pair{line.front(), -1.0}, std::pair{line.back(), 1.0}}) {
      const cv::Point2d local = end - cv::Point2d(box.tl());
      const bool onBorder = local.x < kBorderPx || local.y < kBorderPx ||
                            local.x > box.width - 1 - kBorderPx ||
                            local.y > box.height - 1 - kBorderPx;
      if (!onBorder) continue;
      const cv::Point2d past = end + outward * (sign * growPx);
      const cv::Rect reach(
          cv::Point(static_cast<int>(past.x - pad), static_cast<int>(past.y - pad)),
          cv::Size(static_cast<int>(2 * pad) + 1, static_cast<int>(2 * pad) + 1));
      const cv::Rect bigger = (box | reach) & frameRect;
      if (bigger != box) {
        box = bigger;
        grown = true;
      }
    }
    if (!grown || attempt + 1 >= kMaxGrowths) break;
  }
  if (line.size() < 3) return out;
  // The visible length end to end (summing the traced steps would add their sideways jitter).
  out.lengthPx = cv::norm(line.back() - line.front());
  if (out.lengthPx < minLengthPx || level / fineSigma < kMinContrastSigma) return out;
  // A line wider than a needle is a K-wire only if it is steel: a soft wide band (a body's rim, a
  // bowel loop's wall) is not.
  if (wirePx > 0 && level / fineSigma < kSteelSigma) return out;
  // Straight enough for a needle: no point far from the chord between the ends.
  const cv::Point2d chord = line.back() - line.front();
  const double chordLength = std::max(cv::norm(chord), 1e-6);
  double bow = 0;
  for (const cv::Point2d& p : line)
    bow = std::max(bow, std::abs((p - line.front()).cross(chord)) / chordLength);
  if (bow > kMaxBowShare * chordLength + kBowSlackMm / mmPerPx) return out;
  // A line along the field's edge (a shutter's or a round field's rim, and the dark seam the
  // chain's blur or edge enhancement leaves there) is the edge's, not a needle: a needle crosses
  // the edge, it does not run beside it.
  if (alongFieldEdge(line, field_, binning_, kEdgeBandMm / (mmPerPx * binning_))) return out;
  const cv::Point2d endLow = line.front(), endHigh = line.back();

  // 3. Which end is the tip: toward the target when one is placed. Otherwise spinal needles come
  // from behind: in a view with an anterior-posterior image axis the tip is the anterior end; in
  // an AP view it is the end nearer the view's centre (the C-arm is aimed at the target).
  bool highIsTip = false;
  if (const cv::Point2d anterior = anteriorInImage(f.orientation);
      !targetPx && cv::norm(anterior) > 0) {
    highIsTip = (endHigh - endLow).dot(anterior) > 0;
  } else {
    const cv::Point2d reference =
        targetPx ? *targetPx : cv::Point2d((f.width - 1) / 2.0, (f.height - 1) / 2.0);
    highIsTip = cv::norm(endHigh - reference) <= cv::norm(endLow - reference);
  }
  if (!highIsTip) std::reverse(line.begin(), line.end());  // now from the hub side to the tip
  out.tipPx = line.back();
  out.hubPx = line.front();
  // 4. The axis where it matters, at the tip. A needle bends: a parabola through the last stretch
  // (across-offset as a function of the distance along its chord) gives the direction at the tip
  // itself, not the chord's.
  std::vector<cv::Point2d> nearTip;
  double walked = 0;
  for (size_t i = line.size() - 1; i > 0 && walked <= tipAxisPx; --i) {
    nearTip.push_back(line[i]);
    walked += cv::norm(line[i] - line[i - 1]);
  }
  const cv::Point2d tipChord = nearTip.front() - nearTip.back();
  const cv::Point2d u = tipChord * (1.0 / std::max(cv::norm(tipChord), 1e-9)), v(-u.y, u.x);
  cv::Matx33d normal = cv::Matx33d::zeros();
  cv::Vec3d rhs(0, 0, 0);
  for (const cv::Point2d& p : nearTip) {
    const double t = (p - out.tipPx).dot(u), o = (p - out.tipPx).dot(v);
    const cv::Vec3d row(1, t, t * t);
    normal += row * row.t();
    rhs += row * o;
  }
  cv::Vec3d coefficients(0, 0, 0);
  const double slope =
      nearTip.size() >= 5 && cv::solve(normal, rhs, coefficients, cv::DECOMP_CHOLESKY)
          ? coefficients[1]
          : 0;
  out.axis = u + v * slope;
  out.axis *= 1.0 / cv::norm(out.axis);
  // The tip on the fitted curve: its sideways position from all the points near it, not one.
  if (nearTip.size() >= 5) out.tipPx += v * coefficients[0];
  out.contrastSigma = level / fineSigma;
  out.widthPx = segment->widthPx;
  out.confidence = std::clamp((out.contrastSigma - kMinContrastSigma) / 6.0 + 0.3, 0.0, 1.0) *
                   std::clamp(out.lengthPx / (2 * minLengthPx), 0.0, 1.0);
  out.found = true;
  return out;
}

}  // namespace fg::guidance
