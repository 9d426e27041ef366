#include "guidance/MotionEstimate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {
constexpr int kCoarseSizePx = 64;          // the coarse search's image size
constexpr double kSearchAngleDeg = 4.0;    // the coarse search covers +-4 degrees...
constexpr double kSearchAngleStepDeg = 1.0;  // ...in 1-degree steps
constexpr double kRefineStartPx = 1.0, kRefineEndPx = 0.1;  // refinement steps (working px)
constexpr double kRefineStartDeg = 0.5;
}  // namespace

cv::Mat motionMatrix(const RigidMotion2D& m, cv::Size size) {
  // Rotation about the image centre, then translation.
  const cv::Point2f centre((size.width - 1) / 2.0f, (size.height - 1) / 2.0f);
  cv::Mat a = cv::getRotationMatrix2D(centre, -m.angleDeg, 1.0);  // OpenCV: positive = counter-clockwise
  a.at<double>(0, 2) += m.dxPx;
  a.at<double>(1, 2) += m.dyPx;
  return a;
}

cv::Mat motionChange(const RigidMotion2D& from, const RigidMotion2D& to, cv::Size size) {
  cv::Mat a = cv::Mat::eye(3, 3, CV_64F), b = cv::Mat::eye(3, 3, CV_64F);
  motionMatrix(from, size).copyTo(a.rowRange(0, 2));
  motionMatrix(to, size).copyTo(b.rowRange(0, 2));
  const cv::Mat change = b * a.inv();
  return change.rowRange(0, 2).clone();
}

cv::Mat warpByMotion(const cv::Mat& mask, const RigidMotion2D& motion) {
  cv::Mat out;
  cv::warpAffine(mask, out, motionMatrix(motion, mask.size()), mask.size(), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return out;
}

namespace {

// The differences of `a` moved by `reduced` against `b`, every second px inside a fixed margin
// (the same for every candidate, it keeps out the border the moved image replicated), where
// `use` allows (empty: everywhere).
std::vector<float> differenceSamples(const cv::Mat& a, const cv::Mat& b, const RigidMotion2D& reduced,
                                     const cv::Mat& use) {
  cv::Mat diff;
  cv::subtract(warpByMotion(a, reduced), b, diff);
  const int border = std::max(2, a.cols / 8);
  const cv::Rect inner(border, border, a.cols - 2 * border, a.rows - 2 * border);
  std::vector<float> samples;
  samples.reserve(inner.area() / 4 + 1);
  for (int y = inner.y; y < inner.y + inner.height; y += 2) {
    const float* d = diff.ptr<float>(y);
    const uint8_t* u = use.empty() ? nullptr : use.ptr<uint8_t>(y);
    for (int x = inner.x; x < inner.x + inner.width; x += 2) {
      if (u == nullptr || u[x] != 0) samples.push_back(d[x]);
    }
  }
  return samples;
}

// The mean absolute difference over the noise, measured around `offset` (the exposure change,
// not misregistration; NaN: measured here as the samples' robust centre).
double reducedResidual(const cv::Mat& a, const cv::Mat& b, const RigidMotion2D& reduced, double reducedSigma,
                       const cv::Mat& use, double offset = std::numeric_limits<double>::quiet_NaN(),
                       ResidualSide side = ResidualSide::Both) {
  const std::vector<float> samples = differenceSamples(a, b, reduced, use);
  if (samples.empty()) return 0;
  if (std::isnan(offset)) offset = robustCentre(samples);
  double sum = 0;
  if (side == ResidualSide::Both) {
    for (float v : samples) sum += std::abs(v - offset);
  } else {
    // Twice the mean shortfall: the same value as the two-sided mean for symmetric noise.
    for (float v : samples) sum += 2.0 * std::max(0.0, offset - v);
  }
  return sum / samples.size() / std::max(reducedSigma, 1e-6);
}

struct Reduced {
  cv::Mat mask, live, use;  // `use`: pixels the fit may use (empty = all)
  double scale = 1;
  double sigma = 1;
};

Reduced reduce(const cv::Mat& mask, const cv::Mat& live, double noiseSigma, int workSizePx, const cv::Mat& ignore) {
  Reduced r;
  r.scale = std::min(1.0, static_cast<double>(workSizePx) / std::max(mask.cols, mask.rows));
  cv::resize(mask, r.mask, cv::Size(), r.scale, r.scale, cv::INTER_AREA);
  cv::resize(live, r.live, cv::Size(), r.scale, r.scale, cv::INTER_AREA);
  // Averaging scale^-2 pixels lowers the noise by scale^-1.
  r.sigma = noiseSigma * r.scale;
  if (!ignore.empty()) {
    cv::resize(ignore, r.use, r.mask.size(), 0, 0, cv::INTER_NEAREST);
    cv::dilate(r.use, r.use, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(5, 5)));
    cv::bitwise_not(r.use, r.use);
    if (static_cast<size_t>(cv::countNonZero(r.use)) < r.use.total() / 2) r.use.release();  // too little left
  }
  return r;
}

}  // namespace

double motionResidual(const cv::Mat& mask, const cv::Mat& live, const RigidMotion2D& motion, double noiseSigma,
                      int workSizePx, const cv::Mat& ignore, ResidualSide side) {
  if (mask.empty() || mask.size() != live.size()) return 0;
  const Reduced r = reduce(mask, live, noiseSigma, workSizePx, ignore);
  RigidMotion2D reduced = motion;
  reduced.dxPx *= r.scale;
  reduced.dyPx *= r.scale;
  return reducedResidual(r.mask, r.live, reduced, r.sigma, r.use, std::numeric_limits<double>::quiet_NaN(), side);
}

namespace {

RigidMotion2D scaled(RigidMotion2D m, double factor) {
  m.dxPx *= factor;
  m.dyPx *= factor;
  return m;
}

// Translation candidates for each trial angle, by phase correlation of the turned mask on a coarse
// copy: phase correlation alone is misled by a turned, repetitive spine, but at the right angle
// its peak is right.
void addCoarseCandidates(const Reduced& r, std::vector<RigidMotion2D>& out) {
  cv::Mat mask, live, window;
  const double coarse = std::min(1.0, static_cast<double>(kCoarseSizePx) / std::max(r.mask.cols, r.mask.rows));
  cv::resize(r.mask, mask, cv::Size(), coarse, coarse, cv::INTER_AREA);
  cv::resize(r.live, live, cv::Size(), coarse, coarse, cv::INTER_AREA);
  cv::createHanningWindow(window, mask.size(), CV_32F);
  for (double angle = -kSearchAngleDeg; angle <= kSearchAngleDeg + 1e-9; angle += kSearchAngleStepDeg) {
    RigidMotion2D turn{0, 0, angle, 0, true};
    const cv::Point2d shift = cv::phaseCorrelate(warpByMotion(mask, turn), live, window);
    out.push_back(RigidMotion2D{shift.x / coarse, shift.y / coarse, angle, 0, true});
  }
}

// Pattern search on the robust residual from `start`: try a step either way in each parameter,
// keep any improvement, halve the steps when none helps.
RigidMotion2D refine(const Reduced& r, RigidMotion2D best) {
  // The exposure offset hardly depends on a fraction of a pixel: measured once, at the start.
  const double offset = robustCentre(differenceSamples(r.mask, r.live, best, r.use));
  best.residualSigma = reducedResidual(r.mask, r.live, best, r.sigma, r.use, offset);
  double stepPx = kRefineStartPx, stepDeg = kRefineStartDeg;
  while (stepPx >= kRefineEndPx) {
    bool improved = false;
    for (int parameter = 0; parameter < 3; ++parameter) {
      for (double sign : {-1.0, 1.0}) {
        RigidMotion2D trial = best;
        if (parameter == 0) trial.dxPx += sign * stepPx;
        if (parameter == 1) trial.dyPx += sign * stepPx;
        if (parameter == 2) trial.angleDeg += sign * stepDeg;
        trial.residualSigma = reducedResidual(r.mask, r.live, trial, r.sigma, r.use, offset);
        if (trial.residualSigma < best.residualSigma) {
          best = trial;
          improved = true;
        }
      }
    }
    if (!improved) {
      stepPx /= 2;
      stepDeg /= 2;
    }
  }
  return best;
}

}  // namespace

RigidMotion2D estimateMotion(const cv::Mat& mask, const cv::Mat& live, double noiseSigma, int workSizePx,
                             const cv::Mat& ignore, const RigidMotion2D& prior) {
  if (mask.empty() || mask.size() != live.size()) return {};
  const Reduced r = reduce(mask, live, noiseSigma, workSizePx, ignore);
  // Starts: where the mask was last (the patient moves smoothly), standing still, and a coarse
  // search over angle and translation (a sudden jump). The start with the lowest robust (mean
  // absolute, exposure-offset-free) residual is refined on that same residual, where contrast and
  // the needle, which the mask lacks, weigh least.
  std::vector<RigidMotion2D> starts;
  if (prior.valid) starts.push_back(scaled(prior, r.scale));
  starts.push_back(RigidMotion2D{0, 0, 0, 0, true});
  addCoarseCandidates(r, starts);
  RigidMotion2D best;
  best.residualSigma = std::numeric_limits<double>::infinity();
  for (RigidMotion2D start : starts) {
    start.residualSigma = reducedResidual(r.mask, r.live, start, r.sigma, r.use);
    if (start.residualSigma < best.residualSigma) best = start;
  }
  best = refine(r, best);
  best.valid = true;
  return scaled(best, 1.0 / r.scale);
}

}  // namespace fg::guidance
