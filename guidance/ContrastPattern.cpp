#include "guidance/ContrastPattern.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace fg::guidance {
namespace {

constexpr double kVesselMaxWidthMm = 3.7;  // a vessel outline in the body
constexpr double kVesselMinElongation = 3.5;
constexpr double kTreeMinExtentWidths = 8;  // a tree spans this many of its vessels' widths
constexpr double kVesselMinGrowthMmPerS = 40;  // venous flow fills tens of mm per frame...
constexpr double kGrowthBaselineS = 0.1;       // ...measured over at least this long
constexpr double kLengthHistoryS = 1.0;
constexpr double kWashoutFraction = 0.4;   // area falls below 40 % of its peak...
constexpr double kWashoutWithinS = 2.5;    // ...within this long of the peak
constexpr double kMidlineMm = 4;
constexpr double kSymmetricBalance = 0.6;
constexpr int kMinEvidenceFrames = 3;       // frames supporting a class before it is called
constexpr double kEvidencePrior = 2;        // frames of doubt every share starts with
constexpr double kMaxEpiduralConfidence = 0.9;
constexpr double kMaxIntrathecalConfidence = 0.85;

}  // namespace

std::string_view toString(Pattern pattern) {
  switch (pattern) {
    case Pattern::Indeterminate: return "indeterminate";
    case Pattern::Epidural: return "epidural";
    case Pattern::Intravascular: return "intravascular";
    case Pattern::Intrathecal: return "intrathecal";
    case Pattern::Invalid: break;
  }
  return "invalid";
}

ShapeFeatures shapeFeatures(const cv::Mat& mask, double mmPerPx, double midlineX) {
  ShapeFeatures f;
  // Moments of the part that holds the spread (central moments do not depend on where it lies).
  const cv::Rect box = cv::boundingRect(mask);
  if (box.empty()) return f;
  const cv::Moments m = cv::moments(mask(box), true);
  if (m.m00 <= 0) return f;
  f.areaMm2 = m.m00 * mmPerPx * mmPerPx;
  const double cx = box.x + m.m10 / m.m00;
  const double a = m.mu20 / m.m00, b = m.mu11 / m.m00, c = m.mu02 / m.m00;
  const double root = std::sqrt(std::max(0.0, (a - c) * (a - c) / 4 + b * b));
  const double major = (a + c) / 2 + root, minor = std::max((a + c) / 2 - root, 1e-6);
  f.elongation = std::sqrt(major / minor);
  // For a uniform ellipse, the full axis length is 4 sqrt(eigenvalue).
  f.lengthMm = 4 * std::sqrt(major) * mmPerPx;
  f.widthMm = f.lengthMm > 0 ? f.areaMm2 / f.lengthMm : 0;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask(box).clone(), contours, cv::RETR_LIST, cv::CHAIN_APPROX_NONE);
  double perimeterPx = 0;
  for (const auto& c : contours) perimeterPx += cv::arcLength(c, true);
  f.thicknessMm = perimeterPx > 0 ? 2 * m.m00 / perimeterPx * mmPerPx : 0;
  if (midlineX >= 0) {
    f.midlineOffsetMm = (cx - midlineX) * mmPerPx;
    const int split = std::clamp(static_cast<int>(std::lround(midlineX)), box.x, box.x + box.width);
    const double left = cv::countNonZero(mask(cv::Rect(box.x, box.y, split - box.x, box.height)));
    const double right = cv::countNonZero(mask(cv::Rect(split, box.y, box.x + box.width - split, box.height)));
    f.balance = std::max(left, right) > 0 ? std::min(left, right) / std::max(left, right) : 0;
  } else {
    f.midlineOffsetMm = 1e9;
  }
  return f;
}

double estimateMidlineX(const cv::Mat& image, const cv::Mat& field) {
  // Each column's mean inside the field: a video frame's black borders, a shutter's dark band or
  // a circular field's dark corners are not the spine.
  cv::Mat sums, counts;
  const cv::Mat inField = field.empty() ? cv::Mat(image.size(), CV_8UC1, cv::Scalar(255)) : field;
  cv::Mat masked = cv::Mat::zeros(image.size(), CV_32FC1);
  image.copyTo(masked, inField);
  cv::reduce(masked, sums, 0, cv::REDUCE_SUM, CV_32F);
  cv::reduce(inField / 255, counts, 0, cv::REDUCE_SUM, CV_32F);
  double tallest = 0;
  cv::minMaxLoc(counts, nullptr, &tallest);
  // Columns with a tenth of the field's height or less are its rim: too few pixels to judge.
  const float minRows = static_cast<float>(std::max(1.0, 0.1 * tallest));
  int first = -1, last = -1;
  for (int x = 0; x < image.cols; ++x) {
    if (counts.at<float>(0, x) < minRows) continue;
    if (first < 0) first = x;
    last = x;
  }
  if (first < 0) return -1;
  cv::Mat profile(1, last - first + 1, CV_32FC1);
  for (int x = first; x <= last; ++x) profile.at<float>(0, x - first) = sums.at<float>(0, x) / counts.at<float>(0, x);
  cv::GaussianBlur(profile, profile, cv::Size(0, 0), std::max(2.0, image.cols / 64.0), 0, cv::BORDER_REPLICATE);
  // Search the middle half of the field: the spine is centred on a spine view.
  const int from = profile.cols / 4, to = std::max(from + 1, profile.cols * 3 / 4);
  double best = 1e30;
  int bestX = profile.cols / 2;
  for (int x = from; x < to; ++x) {
    const float v = profile.at<float>(0, x);
    if (v < best) {
      best = v;
      bestX = x;
    }
  }
  return first + bestX;
}

PatternResult PatternClassifier::update(const ShapeFeatures& f, bool present, double timeS) {
  PatternResult result;
  const bool enough = present && f.areaMm2 >= kMinContrastAreaMm2;
  if (enough && firstArrivalS_ < 0) firstArrivalS_ = timeS;
  if (firstArrivalS_ < 0) return result;

  if (f.areaMm2 > peakAreaMm2_) {
    peakAreaMm2_ = f.areaMm2;
    peakTimeS_ = timeS;
  }
  // A vessel is a thin, long outline that fills at the speed of the blood: long within a frame or
  // two. Epidural contrast (a thin line in a lateral view, too) grows at the pace of the injection.
  // Two frames in a row with a vessel's outline, the second much longer: a vessel filling.
  // Thin and long as a whole, or a thin tree (branching: thin everywhere, long in extent).
  const bool vesselShape =
      enough && ((f.widthMm <= kVesselMaxWidthMm && f.elongation >= kVesselMinElongation) ||
                 (f.thicknessMm <= kVesselMaxWidthMm && f.lengthMm >= kTreeMinExtentWidths * f.thicknessMm));
  // The growth over at least kGrowthBaselineS (at 30 pulses/s a millimetre of an outline's jitter
  // between two frames reads as 30 mm/s), from a frame that had a vessel's outline too.
  double growthMmPerS = 0;
  if (!enough) lengths_.clear();
  const LengthSample* baseline = nullptr;
  for (auto it = lengths_.rbegin(); it != lengths_.rend(); ++it) {
    if (timeS - it->timeS >= kGrowthBaselineS) {
      baseline = &*it;
      break;
    }
  }
  if (baseline != nullptr && baseline->vesselShape) {
    growthMmPerS = (f.lengthMm - baseline->lengthMm) / (timeS - baseline->timeS);
  }
  if (vesselShape && growthMmPerS >= kVesselMinGrowthMmPerS) ++vesselVotes_;
  if (enough) {
    lengths_.push_back({timeS, f.lengthMm, vesselShape});
    while (!lengths_.empty() && timeS - lengths_.front().timeS > kLengthHistoryS) lengths_.pop_front();
  }
  const bool washedOut = peakAreaMm2_ >= kMinContrastAreaMm2 && f.areaMm2 < kWashoutFraction * peakAreaMm2_ &&
                         timeS - peakTimeS_ <= kWashoutWithinS;
  // The other classes count frames of evidence: one frame proves nothing, and a confidence is the
  // share of the frames seen that support the class, never the time that passed.
  const bool symmetricMidline = enough && std::abs(f.midlineOffsetMm) < kMidlineMm && f.balance >= kSymmetricBalance &&
                                f.widthMm > kVesselMaxWidthMm;
  if (enough && !(vesselShape && growthMmPerS >= kVesselMinGrowthMmPerS)) {
    if (symmetricMidline) {
      ++intrathecalFrames_;
    } else {
      ++epiduralFrames_;
    }
  }
  if (enough) ++contrastFrames_;

  Pattern pattern = Pattern::Indeterminate;
  double confidence = 0;
  const auto share = [&](int frames) { return static_cast<double>(frames) / (contrastFrames_ + kEvidencePrior); };
  if (vesselVotes_ >= 1 || washedOut || last_ == Pattern::Intravascular) {
    pattern = Pattern::Intravascular;  // once seen, it stays flagged for this run
    confidence = washedOut || vesselVotes_ >= 3 ? 0.9 : 0.7;
  } else if (intrathecalFrames_ >= kMinEvidenceFrames && intrathecalFrames_ > epiduralFrames_) {
    // A subdural collection can look the same in one view: never more certain than this.
    pattern = Pattern::Intrathecal;
    confidence = std::min(kMaxIntrathecalConfidence, share(intrathecalFrames_));
  } else if (epiduralFrames_ >= kMinEvidenceFrames && epiduralFrames_ > intrathecalFrames_) {
    pattern = Pattern::Epidural;
    confidence = std::min(kMaxEpiduralConfidence, share(epiduralFrames_));
  }
  if (pattern == Pattern::Intravascular && !alertRaised_) {
    alertRaised_ = true;
    result.intravascularAlert = true;
  }
  last_ = pattern;
  lastConfidence_ = confidence;
  result.pattern = pattern;
  result.confidence = confidence;
  return result;
}

void PatternClassifier::reset() { *this = PatternClassifier(); }

}  // namespace fg::guidance
