#include "guidance/ContrastAnalyzer.hpp"

#include <chrono>

#include <opencv2/imgproc.hpp>

#include "guidance/DifferenceBackground.hpp"
#include "guidance/GuidanceImage.hpp"
#include "guidance/InjectionSite.hpp"

namespace fg::guidance {
namespace {

// Without a needle to say where contrast may arrive, an arrival holds over this many frames in a
// row, overlapping (the mask stops following meanwhile, so it stays clean)...
constexpr int kConfirmFramesWithoutNeedle = 3;
// ...and at least this long, whatever the pulse rate: at 30 pulses/s three frames are a tenth of a
// second, over which bowel gas that drifts looks as steady as contrast.
constexpr double kConfirmWithoutNeedleS = 0.3;
// ...and away from a needle seen (a false needle, or its ends mistaken), over more frames and at
// least this long: anatomy that moved once settles into the mask, contrast keeps coming.
constexpr int kConfirmFramesAwayFromNeedle = 4;
constexpr double kConfirmAwayFromNeedleS = 1.0;
constexpr double kPendingOverlap = 0.3;  // share of a pending spread still there the next frame
// Unconfirmed by a needle, no arrival while the area that brightened is this share of a candidate.
constexpr double kMovingShare = 0.5;
// A possible arrival at the needle, held (see below): it must grow by this factor (and more than
// its noise), and is let go when it falls below this share or stands still this long.
constexpr double kHeldGrowth = 1.15;
constexpr double kHeldGrowthSigmas = 3;
constexpr double kTwoGrowthsBelowIntervalS = 0.2;
constexpr double kHeldFade = 0.8;
constexpr double kHeldForS = 1.0;
// A mask that froze within this many judged frames may hold contrast already (see ContrastResult).
constexpr int kCleanMaskFrames = 3;
// Once the noise model holds, it learns from every 2nd contrast-free frame and its maps are
// redrawn every 4th: it follows the dose and the C-arm over seconds, not frames.
constexpr int kLearnEveryFrames = 2;
constexpr int kMapsEveryFrames = 4;
// A patient that moved is still moving, for the fit, this long after the fitted motion last
// changed; its frames are held out of the evidence, but never for longer than this in a row (a
// patient who keeps moving must not keep a vessel from being seen).
constexpr double kMotionSettleS = 0.5;
constexpr double kMaxEvidenceHeldS = 1.5;


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
    : settings_(settings),
      filter_(settings.filterStrength),
      subtractor_(settings.subtraction),
      conditioner_(settings.binning) {}

void ContrastAnalyzer::remask() {
  subtractor_.remask();
  noise_.reset();
  bank_.clear();
  noiseMaps_ = {};
  judgedFrames_ = 0;
  framesSinceMaps_ = 0;
  framesSinceLearnt_ = 0;
  held_ = {};
  pendingArrival_ = 0;
  pendingSpread_.release();
  maskMayHoldContrast_ = false;
  classifier_.reset();
  accumulated_.release();
  motionChangedS_ = -1;
  movingSinceS_ = -1;
  fittedSinceFreeze_ = false;
  lastFittedMotion_ = {};
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

void ContrastAnalyzer::observe(const cv::Mat& conditioned, const cv::Mat& smoothedLive, bool arrived,
                               uint64_t frameId, int64_t timeNs, const AnalysisScale& scale) {
  const bool wasCurrent = smoothedMaskRevision_ == subtractor_.maskRevision();
  const Subtractor::MaskChange change = subtractor_.observe(conditioned, arrived, frameId, timeNs);
  // A blend of a current copy, or a mask taken from this frame, is followed without a Gaussian;
  // anything else leaves the copy stale (smoothedMask() filters the mask again when asked).
  if (!smoothedLive.empty() && change == Subtractor::MaskChange::Blended && wasCurrent) {
    const double gain = subtractor_.blendGain();
    cv::addWeighted(smoothedMask_, 1.0 - gain, smoothedLive, gain, 0.0, smoothedMask_);
    smoothedMaskRevision_ = subtractor_.maskRevision();
  } else if (!smoothedLive.empty() && change == Subtractor::MaskChange::Taken) {
    smoothedLive.copyTo(smoothedMask_);
    smoothedMaskRevision_ = subtractor_.maskRevision();
  }
  const double timeS = timeNs * 1e-9;
  if (subtractor_.state() != MaskState::Frozen && bank_.due(timeS)) bank_.offer(smoothedMask(scale), timeS);
}

const cv::Mat& ContrastAnalyzer::smoothedMask(const AnalysisScale& scale) {
  if (smoothedMaskRevision_ != subtractor_.maskRevision() || smoothedMask_.size() != subtractor_.mask().size()) {
    smoothedMask_ = smoothForDetection(subtractor_.mask(), scale, settings_.spread);
    smoothedMaskRevision_ = subtractor_.maskRevision();
  }
  return smoothedMask_;
}

double ContrastAnalyzer::unfilteredChange(const cv::Mat& image, const cv::Mat& where) const {
  const cv::Mat& mask = subtractor_.mask();
  if (mask.size() != image.size() || where.size() != image.size()) return 0;
  cv::Mat change;
  cv::subtract(mask, image, change);
  const double offset = fitBackground(change, where, false).offset;  // the exposure's share
  return (cv::mean(change, where)[0] - offset) * cv::countNonZero(where);
}

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
  const core::FrameFormat& f = frame.format();
  r.binning = conditioner_.binningFor(f);  // also on the frames refused below (the panel converts shifts with it)
  if (format_.valid()) {
    if (auto status = checkComparable(format_, f); !status) {
      // A new format cannot be subtracted from the old mask: start over, and say why.
      remask();
      filter_.reset();
      conditioner_.reset();
      format_ = f;
      r.status = status;
      return r;
    }
  }
  format_ = f;
  auto conditionedFrame = conditioner_.condition(frame);
  if (!conditionedFrame) {
    r.status = conditionedFrame.status();
    return r;
  }
  cv::Mat image = conditionedFrame.value().image;
  r.binning = conditionedFrame.value().binning;
  r.scale = conditionedFrame.value().scale;
  r.intensity = conditionedFrame.value().intensity;
  r.mmPerAnalysisPx = f.hasSpacing() ? f.mmPerPixelX * r.binning : 0;
  const double mmPerPx = r.scale.mmPerPx;
  const cv::Mat& field = conditioner_.fieldMask();
  r.fieldShare = conditioner_.fieldShare();
  if (binnedOut != nullptr) *binnedOut = image;  // shared, not copied: the filter keeps its own state
  r.timesMs.convert = clock.lap();
  r.noiseSigma = estimateNoiseSigma(image, field);
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
    observe(conditioned, cv::Mat(), false, frame.id(), timeNs, r.scale);
    return r;
  }
  r.motion = sub.motion;
  r.registrationTrusted = sub.registrationTrusted;
  r.residualRatio = sub.residualRatio;
  r.maskAgeS = r.timeS - sub.maskTimeNs * 1e-9;
  r.difference = sub.difference;
  // What detection judges: the smoothed difference, or less where an earlier contrast-free state
  // matches the live frame better (anatomy that moved; see ReferenceBank). After a motion fit
  // moved the mask the earlier states would need moving too: the mask alone judges then.
  cv::Mat smoothed, smoothedLive;
  if (sub.maskMoved) {
    smoothed = smoothForDetection(sub.difference, r.scale, settings_.spread);
  } else {
    // difference = mask - live - offset, and the Gaussian is linear.
    smoothedLive = smoothForDetection(conditioned, r.scale, settings_.spread);
    cv::subtract(smoothedMask(r.scale), smoothedLive, smoothed);
    smoothed -= sub.exposureOffset;
    if (bank_.size() > 0) smoothed = bank_.least(smoothed, smoothedLive, accumulated_);
  }
  const bool frozen = subtractor_.state() == MaskState::Frozen;
  if (!frozen && !noise_.ready()) {
    // While the mask is being collected the difference is noise (and what moved): learn it. Until
    // the model holds, nothing is called contrast.
    noise_.learn(sub.difference, smoothed, conditioned, field);
    observe(conditioned, smoothedLive, false, frame.id(), timeNs, r.scale);
    r.smoothedNoiseSigma = noise_.typicalSmoothedSigma();
    return r;
  }
  r.noiseLearnt = true;
  // The model changes slowly (a running average over frames): its maps are redrawn every few
  // frames while it learns, and kept once the mask froze.
  if (noiseMaps_.empty() || noiseMaps_.raw.size() != sub.difference.size() ||
      (!frozen && ++framesSinceMaps_ >= kMapsEveryFrames)) {
    noiseMaps_ = noise_.maps(conditioned);
    framesSinceMaps_ = 0;
  }
  r.smoothedNoiseSigma = noise_.typicalSmoothedSigma();
  // A positive change must not be anatomy that moved, unless it is the contrast already seen
  // spreading; after the arrival the spread is also kept to where contrast already is (see
  // InjectionSite).
  const SpreadSettings& spreadSettings = settings_.spread;
  std::optional<NeedleSite> needle;
  if (needleFramePx_) {
    needle = NeedleSite{needleFramePx_->tipPx / r.binning, needleFramePx_->hubPx / r.binning,
                        needleFramePx_->tipMovedPx / r.binning};
  }
  // Once contrast arrived, a thin line away from the needle is a vessel filling, not the needle
  // (before it, thin lines stay out: a needle that moved, or an edge, must not start the run).
  cv::Mat alongNeedle;
  if (frozen && needle) alongNeedle = needleBand(sub.difference.size(), needle->hubPx, needle->tipPx, r.scale);
  // The noise the difference is judged against: the model's, and a misregistered edge's where
  // the mask was moved.
  NoiseMaps withRegistration;
  if (!sub.misregistrationSigma.empty()) {
    cv::magnitude(noiseMaps_.raw, sub.misregistrationSigma, withRegistration.raw);
    // A misregistered edge leaves a line, which the detection's Gaussian averages down by
    // 1 / (sqrt(2 pi) sigma) (a line, not a point, keeps one dimension).
    const double sigmaPx = std::max(0.5, r.scale.px(settings_.spread.smoothSigmaMm));
    cv::magnitude(noiseMaps_.smoothed, sub.misregistrationSigma * (1.0 / (std::sqrt(2 * CV_PI) * sigmaPx)),
                  withRegistration.smoothed);
  }
  const NoiseMaps& judgedNoise = sub.misregistrationSigma.empty() ? noiseMaps_ : withRegistration;
  r.spread = segmentContrast(sub.difference, smoothed, judgedNoise, field, r.scale, spreadSettings, alongNeedle,
                             frozen && accumulated_.size() == sub.difference.size() ? accumulated_ : cv::Mat());
  ++judgedFrames_;
  // Contrast spreads from the needle and from the contrast already there, nowhere else.
  cv::Mat unseeded;
  if (!frozen) unseeded = r.spread.clone();
  keepTouching(r.spread, injectionSeed(r.spread.size(), frozen ? accumulated_ : cv::Mat(), needle, r.scale));
  r.timesMs.segment = clock.lap();
  r.now = measureSpread(r.spread, sub.difference, mmPerPx, axisFor(f));
  bool seen = r.now.present && r.now.areaMm2 >= kMinContrastAreaMm2;
  bool arrived = false;
  if (!frozen && needle && needle->tipMovedPx * mmPerPx >= kAdvancingMm) {
    // The needle is being advanced: the image changes around its tip frame after frame (a K-wire
    // is too wide to be opened away as a line, and drags a faint shadow beside it), as contrast
    // arriving there would. Nobody injects while advancing: near the needle nothing is taken for
    // an arrival until it stops (contrast elsewhere still is, on the stricter test away from it).
    const cv::Mat nearNeedle = injectionSeed(r.spread.size(), cv::Mat(), needle, r.scale);
    r.spread.setTo(0, nearNeedle);
    unseeded.setTo(0, nearNeedle);
    r.now = measureSpread(r.spread, sub.difference, mmPerPx, axisFor(f));
    seen = r.now.present && r.now.areaMm2 >= kMinContrastAreaMm2;
    if (held_.active) held_ = {};
  }
  if (!frozen) {
    if (seen && needle) {
      // At the needle: contrast keeps coming, what moved (bowel gas beside the spine, the needle
      // itself) does not. The mask waits from the first sign on; the arrival is taken once the
      // change has grown, on the frames as they came (the temporal filter would make a step look
      // like growth), and dated from that first sign.
      if (!held_.active) {
        const double change = unfilteredChange(image, r.spread);
        held_ = {true, change, r.timeS, r.spread.clone(), change, 0, r.timeS, judgedFrames_};
      } else {
        const cv::Mat region = held_.spread | r.spread;
        const double now = unfilteredChange(image, region);
        // Grown by a share, and by more than its noise could (bounded as if the noise were
        // correlated over the whole region: the smoothed sigma per pixel).
        const double noise = kHeldGrowthSigmas * noise_.typicalSmoothedSigma() * cv::countNonZero(region);
        // And the change is the needle's own: when as much changed away from it at once, the
        // patient or the bowel moved (breathing, gas), and an injection cannot be told from that.
        const bool own = 2 * cv::countNonZero(r.spread) > cv::countNonZero(unseeded);
        // Growth over the largest change seen so far: a step (gas that moved once) grows once,
        // contrast again and again. As many growths as fit in the time the alert is allowed: two
        // at 7.5 pulses/s and more, one at 3.75.
        if (now >= kHeldGrowth * held_.latest && now - held_.latest >= noise && own) {
          ++held_.growths;
          held_.latest = now;
        }
        const int needed = r.timeS - held_.lastS <= kTwoGrowthsBelowIntervalS ? 2 : 1;
        held_.lastS = r.timeS;
        if (held_.growths >= needed) {
          arrived = true;
        } else if (now < kHeldFade * held_.integrated || r.timeS - held_.sinceS > kHeldForS || !own) {
          held_ = {};  // it faded, stood still or was not the needle's: the mask follows again
          seen = false;
        }
      }
    } else {
      if (held_.active) held_ = {};
      // Unconfirmed by a needle (none seen, or the change lies away from it): it must hold, in
      // the same place, frame after frame.
      const SpreadMeasure candidate = measureSpread(unseeded, sub.difference, mmPerPx, axisFor(f));
      // And iodine only darkens: while as much of the field brightened as the candidate darkened,
      // the anatomy is moving (bowel gas, breathing) and the darkening may be its other half, as
      // far away as gas goes. Unconfirmed by a needle, that is no arrival; the mask follows and
      // takes the motion in.
      const bool possible = candidate.present && candidate.areaMm2 >= kMinContrastAreaMm2 &&
                            brightenedPixels(smoothed, judgedNoise, field, r.scale, settings_.spread) <
                                kMovingShare * candidate.pixels;
      const bool stays = possible && !pendingSpread_.empty() &&
                         cv::countNonZero(unseeded & pendingSpread_) >= kPendingOverlap * cv::countNonZero(pendingSpread_);
      if (!possible) {
        pendingArrival_ = 0;
      } else if (pendingArrival_ == 0 || !stays) {
        pendingArrival_ = 1;
        pendingSinceS_ = r.timeS;
        pendingSinceJudged_ = judgedFrames_;
      } else {
        ++pendingArrival_;
      }
      pendingSpread_ = possible ? unseeded : cv::Mat();
      arrived = needle ? pendingArrival_ >= kConfirmFramesAwayFromNeedle && r.timeS - pendingSinceS_ >= kConfirmAwayFromNeedleS
                       : pendingArrival_ >= kConfirmFramesWithoutNeedle && r.timeS - pendingSinceS_ >= kConfirmWithoutNeedleS;
      if (arrived) {
        r.spread = unseeded;
        r.now = candidate;
      }
      // Without a needle the mask waits for the verdict; away from one it goes on following, so
      // what moved is absorbed while contrast, still coming, stays ahead of it.
      seen = seen || (possible && !needle);
    }
    // Contrast first seen within the first frames judged was probably in the mask already.
    if (arrived) maskMayHoldContrast_ = (held_.active ? held_.sinceJudged : pendingSinceJudged_) <= kCleanMaskFrames + 1;
  }
  // A contrast-free frame keeps the noise model current (the C-arm, the dose, the patient move);
  // a possible arrival still being confirmed leaves the mask as it was.
  if (!frozen && !seen && ++framesSinceLearnt_ >= kLearnEveryFrames) {
    noise_.learn(sub.difference, smoothed, conditioned, field);
    framesSinceLearnt_ = 0;
  }
  if (!seen || arrived) observe(conditioned, smoothedLive, arrived, frame.id(), timeNs, r.scale);
  r.maskState = subtractor_.state();
  r.maskMayHoldContrast = maskMayHoldContrast_;
  if (r.maskState != MaskState::Frozen) {
    r.spread.setTo(0);
    r.now = {};
    return r;
  }
  if (accumulated_.empty() || accumulated_.size() != r.spread.size()) {
    accumulated_ = cv::Mat::zeros(r.spread.size(), CV_8UC1);
    accumulatedMotion_ = r.motion;
    midlineX_ = hasLeftRight(f) ? estimateMidlineX(conditioned, field) : -1;
  }
  // The spread is found in live coordinates: when the patient moved (the estimate changed), the
  // spread seen before moves with the anatomy it lies in.
  if (!sameMotion(r.motion, accumulatedMotion_)) {
    cv::warpAffine(accumulated_, accumulated_, motionChange(accumulatedMotion_, r.motion, accumulated_.size()),
                   accumulated_.size(), cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
    accumulatedMotion_ = r.motion;
  }
  // The patient moved when the fit's motion changed (not the user's manual shift); the first fit
  // after the freeze only catches up with the mask's last blend, and is where motion is counted
  // from.
  if (sub.motionFitted) {
    if (!fittedSinceFreeze_) {
      fittedSinceFreeze_ = true;
    } else if (!sameMotion(sub.fittedMotion, lastFittedMotion_)) {
      if (motionChangedS_ < 0 || r.timeS - motionChangedS_ >= kMotionSettleS) movingSinceS_ = r.timeS;
      motionChangedS_ = r.timeS;
    }
    lastFittedMotion_ = sub.fittedMotion;
  }
  r.patientMoving = motionChangedS_ >= 0 && r.timeS - motionChangedS_ < kMotionSettleS;
  r.evidenceHeld = r.patientMoving && r.timeS - movingSinceS_ < kMaxEvidenceHeldS;
  // A frame the motion fit could not register, or has not caught up with yet, shows anatomy as
  // contrast: it is shown as such (flagged), but kept out of the accumulated spread.
  if (r.registrationTrusted && !r.evidenceHeld) cv::bitwise_or(accumulated_, r.spread, accumulated_);
  // The anatomy goes on moving after the arrival (bowel gas drifts through states the few seconds
  // before it did not show, above all when contrast was there from the first frames): away from
  // where contrast is or may come, the live frame is a contrast-free state of it, kept in the bank.
  if (!sub.maskMoved && !smoothedLive.empty() && r.registrationTrusted && !r.evidenceHeld && bank_.due(r.timeS)) {
    const cv::Mat zone = injectionSeed(r.spread.size(), accumulated_, needle, r.scale);
    if (!zone.empty()) {
      // Inside it the state is the mask's, brought to this frame's exposure: no evidence changes there.
      cv::Mat state = smoothedLive.clone();
      cv::Mat maskThere = smoothedMask(r.scale) - sub.exposureOffset;
      maskThere.copyTo(state, zone);
      bank_.offer(state, r.timeS);
    }
  }
  r.accumulated = accumulated_.clone();  // the result outlives this frame; accumulated_ does not stay
  r.total = measureSpread(accumulated_, sub.difference, mmPerPx, axisFor(f));
  if (r.evidenceHeld && held_.spread.empty()) {
    // Nor is it evidence for the pattern: the edges that moved are thin, long and grow as the
    // patient moves, a vessel's outline filling. The pattern stands as it was. (An arrival's own
    // first sign, on the frame the mask froze, is never held: no fit has run by then.)
    r.features = shapeFeatures(r.spread, mmPerPx, midlineX_);
    r.pattern = classifier_.standing();
  } else if (!held_.spread.empty()) {
    // The first sign at the needle, held while it proved itself: the pattern sees it in its time.
    const ShapeFeatures first = shapeFeatures(held_.spread, mmPerPx, midlineX_);
    const PatternResult early = classifier_.update(first, true, held_.sinceS);
    held_ = {};
    r.features = shapeFeatures(r.spread, mmPerPx, midlineX_);
    r.pattern = classifier_.update(r.features, r.now.present, r.timeS);
    r.pattern.intravascularAlert = r.pattern.intravascularAlert || early.intravascularAlert;
  } else {
    r.features = shapeFeatures(r.spread, mmPerPx, midlineX_);
    r.pattern = classifier_.update(r.features, r.now.present, r.timeS);
  }
  r.timesMs.measure = clock.lap();
  return r;
}

}  // namespace fg::guidance
