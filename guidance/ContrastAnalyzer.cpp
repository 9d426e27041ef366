#include "guidance/ContrastAnalyzer.hpp"

#include <chrono>

#include <opencv2/imgproc.hpp>

#include "guidance/GuidanceImage.hpp"

namespace fg::guidance {
namespace {

constexpr int kNoiseMapEveryFrames = 8;

CranioCaudalAxis axisFor(const core::FrameFormat& f) {
  const auto row = f.orientation.row.letters();
  const bool rowIsHeadFeet = !row.empty() && (row[0] == 'H' || row[0] == 'F');
  return rowIsHeadFeet ? CranioCaudalAxis::ImageX : CranioCaudalAxis::ImageY;
}

// A lateral-type view (rows run anterior-posterior) has no left-right midline to be symmetric about.
bool hasLeftRight(const core::FrameFormat& f) {
  const auto row = f.orientation.row.letters();
  return row.empty() || row[0] == 'L' || row[0] == 'R';
}

}  // namespace

ContrastAnalyzer::ContrastAnalyzer(AnalyzerSettings settings)
    : settings_(settings), filter_(settings.filterStrength), subtractor_(settings.subtraction) {}

void ContrastAnalyzer::remask() {
  subtractor_.remask();
  noiseMap_.release();
  framesSinceNoiseMap_ = 0;
  classifier_.reset();
  accumulated_.release();
}

// Splits one frame's analysis time into its stages.
class StageClock {
 public:
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }
  double totalMs() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_ = start_;
};

ContrastResult ContrastAnalyzer::analyze(const core::Frame& frame, cv::Mat* binnedOut) {
  StageClock stages;
  ContrastResult r = analyzeTimed(frame, stages, binnedOut);
  r.timesMs.total = stages.totalMs();
  return r;
}

ContrastResult ContrastAnalyzer::analyzeTimed(const core::Frame& frame, StageClock& clock, cv::Mat* binnedOut) {
  ContrastResult r;
  r.frameId = frame.id();
  r.timeS = (frame.deviceNs() != core::kNoTimeNs ? frame.deviceNs() : frame.arrivalNs()) * 1e-9;
  r.timelineEpoch = frame.timelineEpoch();
  r.binning = settings_.binning;
  const core::FrameFormat& f = frame.format();
  if (format_.valid()) {
    if (auto status = checkComparable(format_, f); !status) {
      // A new format cannot be subtracted from the old mask: start over, and say why.
      remask();
      filter_.reset();
      format_ = f;
      r.status = status;
      return r;
    }
  }
  format_ = f;
  auto converted = toFloat(frame, r.binning);
  if (!converted) {
    r.status = converted.status();
    return r;
  }
  const cv::Mat& image = converted.value();
  if (binnedOut != nullptr) *binnedOut = image;  // shared, not copied: the filter keeps its own state
  r.timesMs.convert = clock.lap();
  r.mmPerAnalysisPx = f.hasSpacing() ? f.mmPerPixelX * r.binning : 0;
  const double mmPerPx = r.mmPerAnalysisPx > 0 ? r.mmPerAnalysisPx : 1.0;  // px when unknown
  r.noiseSigma = estimateNoiseSigma(image);
  const cv::Mat& conditioned = filter_.apply(image, r.noiseSigma);
  // The filter averages about (2 - k) / k frames on still pixels; its output noise is lower.
  const double conditionedSigma = r.noiseSigma * std::sqrt(std::max(0.1, (1 - filter_.strength() * 0.875) /
                                                                               (2 - (1 - filter_.strength() * 0.875))));

  r.timesMs.filter = clock.lap();

  const int64_t timeNs = static_cast<int64_t>(r.timeS * 1e9);
  Subtracted sub = subtractor_.subtract(conditioned, conditionedSigma, accumulated_);
  r.timesMs.motion = sub.motionMs;
  r.timesMs.motionFitted = sub.motionFitted;
  r.timesMs.subtract = clock.lap() - sub.motionMs;
  r.maskState = subtractor_.state();
  if (sub.difference.empty()) {
    subtractor_.observe(conditioned, false, frame.id(), timeNs);
    return r;
  }
  r.motion = sub.motion;
  r.registrationTrusted = sub.registrationTrusted;
  r.residualRatio = sub.residualRatio;
  r.maskAgeS = r.timeS - sub.maskTimeNs * 1e-9;
  r.difference = sub.difference;
  // While the mask is being collected the difference is noise only: learn the noise per
  // brightness from it. Once frozen, keep that model (contrast would inflate it).
  // Re-learnt every few frames: the anatomy under a still C-arm hardly changes between them.
  if (noiseMap_.size() != sub.difference.size() ||
      (subtractor_.state() != MaskState::Frozen && ++framesSinceNoiseMap_ >= kNoiseMapEveryFrames)) {
    noiseMap_ = noiseMap(sub.difference, conditioned);
    framesSinceNoiseMap_ = 0;
  }
  if (sub.misregistrationSigma.empty()) {
    r.spread = segmentContrast(sub.difference, noiseMap_, settings_.spread);
  } else {
    cv::Mat sigma;
    cv::magnitude(noiseMap_, sub.misregistrationSigma, sigma);
    r.spread = segmentContrast(sub.difference, sigma, settings_.spread);
  }
  r.timesMs.segment = clock.lap();
  r.now = measureSpread(r.spread, sub.difference, mmPerPx, axisFor(f));
  subtractor_.observe(conditioned, r.now.present && r.now.areaMm2 >= kMinContrastAreaMm2, frame.id(), timeNs);
  r.maskState = subtractor_.state();
  if (r.maskState != MaskState::Frozen) {
    r.spread.setTo(0);
    r.now = {};
    return r;
  }
  if (accumulated_.empty() || accumulated_.size() != r.spread.size()) {
    accumulated_ = cv::Mat::zeros(r.spread.size(), CV_8UC1);
    accumulatedMotion_ = r.motion;
    midlineX_ = hasLeftRight(f) ? estimateMidlineX(conditioned) : -1;
  }
  // The spread is found in live coordinates: when the patient moved (the estimate changed), the
  // spread seen before moves with the anatomy it lies in.
  if (r.motion.dxPx != accumulatedMotion_.dxPx || r.motion.dyPx != accumulatedMotion_.dyPx ||
      r.motion.angleDeg != accumulatedMotion_.angleDeg) {
    cv::warpAffine(accumulated_, accumulated_, motionChange(accumulatedMotion_, r.motion, accumulated_.size()),
                   accumulated_.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
    accumulatedMotion_ = r.motion;
  }
  // A frame the motion fit could not register shows anatomy as contrast: it is shown as such
  // (flagged), but kept out of the accumulated spread.
  if (r.registrationTrusted) cv::bitwise_or(accumulated_, r.spread, accumulated_);
  r.accumulated = accumulated_.clone();  // the result outlives this frame; accumulated_ does not stay
  r.total = measureSpread(accumulated_, sub.difference, mmPerPx, axisFor(f));
  r.features = shapeFeatures(r.spread, mmPerPx, midlineX_);
  r.pattern = classifier_.update(r.features, r.now.present, r.timeS);
  r.timesMs.measure = clock.lap();
  return r;
}

}  // namespace fg::guidance
