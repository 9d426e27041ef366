#include "guidance/Subtraction.hpp"

#include "guidance/DifferenceBackground.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace fg::guidance {

namespace {
constexpr double kFitMustBeat = 0.9;    // a motion fit is used when its residual is 10 % lower...
constexpr double kSmallestShiftPx = 0.4;  // ...and it moves by more than the fit's own uncertainty
constexpr double kSmallestAngleDeg = 0.15;
constexpr double kRegistrationErrorPx = 0.3;  // a fitted mask's error at the centre...
constexpr double kParallaxShare = 0.2;  // ...plus this share of the motion half a width away
constexpr int kFitSizePx = 128;      // the fit's working size (the centre crop reduced to this)
constexpr int kCheckSizePx = 96;     // the per-frame check of the last fit
constexpr double kResidualRise = 1.15;  // a rise of the check residual past this factor...
constexpr double kResidualSlack = 0.15;  // ...plus this (sigmas) calls for a new fit
// The subtraction is trusted while the residual stays within this factor of the first fit's
// after the mask froze. A real 3D motion leaves about 2-3x (parallax off the fitted centre),
// which the misregistration allowance absorbs; a failed fit leaves far more.
constexpr double kTrustedRise = 3.5;
// Where the mask moved by `motion` has no data: its pixels came from outside the image.
cv::Mat uncoveredBy(const RigidMotion2D& motion, cv::Size size) {
  const cv::Mat ones(size, CV_8UC1, cv::Scalar(255));
  cv::Mat covered, uncovered;
  cv::warpAffine(ones, covered, motionMatrix(motion, size), size, cv::INTER_NEAREST, cv::BORDER_CONSTANT,
                 cv::Scalar(0));
  cv::bitwise_not(covered, uncovered);
  return uncovered;
}

}

Subtracted Subtractor::subtract(const cv::Mat& live, double noiseSigma, const cv::Mat& contrast) {
  Subtracted out;
  if (mask_.empty() || mask_.size() != live.size()) return out;
  out.maskTimeNs = maskTimeNs_;
  out.maskFrameId = maskFrameId_;
  RigidMotion2D motion;
  if (settings_.compensation == MotionCompensation::Automatic && state_ == MaskState::Frozen) {
    const auto started = std::chrono::steady_clock::now();
    const int fitsBefore = fits_;
    lastMotion_ = trackMotion(live, noiseSigma, contrast);
    motion = lastMotion_;
    out.fittedMotion = lastMotion_;
    out.motionMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    out.motionFitted = fits_ != fitsBefore;
  }
  motion.dxPx += settings_.manualShiftXPx;
  motion.dyPx += settings_.manualShiftYPx;
  motion.valid = true;
  const bool moved = std::abs(motion.dxPx) > 0.05 || std::abs(motion.dyPx) > 0.05 || std::abs(motion.angleDeg) > 0.02;
  if (moved) prepareMoved(motion);
  cv::subtract(moved ? moved_.mask : mask_, live, out.difference);
  // Exposure changes shift the whole difference; after motion, soft tissue adds a slope as well.
  const BackgroundPlane background = fitBackground(out.difference, contrast, moved);
  removeBackground(out.difference, background);
  out.exposureOffset = background.offset;
  if (moved) {
    // Where the moved mask has no data (it came from outside the field) there is nothing to subtract.
    out.difference.setTo(0, moved_.uncovered);
    out.misregistrationSigma = moved_.misregistration;
    out.maskMoved = true;
  }
  out.motion = motion;
  out.registrationTrusted = trusted_;
  out.residualRatio = residualRatio_;
  return out;
}

RigidMotion2D Subtractor::trackMotion(const cv::Mat& live, double noiseSigma, const cv::Mat& contrast) {
  // Fit on the centre of the view, where the C-arm is aimed (the target level): a 2D rigid fit
  // cannot follow the parallax of a 3D motion across the whole field, but a region of similar
  // depth it follows well. The crop shares the image centre, so the fitted rotation and shift
  // apply to the whole image.
  const cv::Rect centre(live.cols / 4, live.rows / 4, live.cols / 2, live.rows / 2);
  const cv::Mat maskCentre = mask_(centre), liveCentre = live(centre);
  // The contrast is left out of the fit (the mask lacks it), but only the spread segmented while
  // the fit held: a misfit paints bone edges as "contrast", and leaving those out would hide the
  // misfit from the very fit that should correct it.
  if (trustedContrast_.size() != centre.size()) trustedContrast_ = cv::Mat::zeros(centre.size(), CV_8UC1);
  ++framesSinceFit_;
  if (lastMotion_.valid && framesSinceFit_ < settings_.motionEveryFrames) {
    // Cheap check each frame: does the last fit still hold? It counts only differences contrast
    // cannot cause (see ResidualSide), so a rise means the patient moved and calls for a new fit.
    const double now = motionResidual(maskCentre, liveCentre, lastMotion_, noiseSigma, kCheckSizePx, trustedContrast_,
                                      ResidualSide::MaskDarkerOnly);
    if (now < fitCheckResidual_ * kResidualRise + kResidualSlack) {
      updateTrust(now);
      if (trusted_ && !contrast.empty()) contrast(centre).copyTo(trustedContrast_);
      RigidMotion2D held = lastMotion_;
      held.residualSigma = now;
      return held;
    }
  }
  RigidMotion2D fit =
      estimateMotion(maskCentre, liveCentre, noiseSigma, kFitSizePx, trustedContrast_, lastMotion_);
  RigidMotion2D still;
  still.valid = true;
  // Contrast biases a fit a little; a fit that does not beat standing still clearly is noise, and
  // applying it would draw every bone edge into the subtraction.
  const bool small = std::hypot(fit.dxPx, fit.dyPx) < kSmallestShiftPx && std::abs(fit.angleDeg) < kSmallestAngleDeg;
  if (!fit.valid || small ||
      !(fit.residualSigma <
        kFitMustBeat * motionResidual(maskCentre, liveCentre, still, noiseSigma, kFitSizePx, trustedContrast_))) {
    fit = still;
  }
  framesSinceFit_ = 0;
  ++fits_;
  fitCheckResidual_ = motionResidual(maskCentre, liveCentre, fit, noiseSigma, kCheckSizePx, trustedContrast_,
                                     ResidualSide::MaskDarkerOnly);
  // The fit above weighs every difference, and contrast spreading past what was segmented, or
  // bowel gas drifting in the centre, pulls it: it replaces the motion held so far only where it
  // also clearly explains the differences contrast cannot cause better (a fit pulled off paints
  // every bone edge into the subtraction, and the edges' thin lines read as vessels).
  const RigidMotion2D held = lastMotion_.valid ? lastMotion_ : still;
  if (!sameMotion(fit, held)) {
    const double heldCheck = motionResidual(maskCentre, liveCentre, held, noiseSigma, kCheckSizePx, trustedContrast_,
                                            ResidualSide::MaskDarkerOnly);
    // (Kept, the held motion's check residual becomes the one a later rise is measured from.)
    if (!(fitCheckResidual_ < kFitMustBeat * heldCheck)) {
      fit = held;
      fitCheckResidual_ = heldCheck;
    }
  }
  fit.residualSigma = fitCheckResidual_;
  if (baselineResidual_ <= 0) baselineResidual_ = fitCheckResidual_;  // the first fit after the mask froze
  updateTrust(fitCheckResidual_);
  if (trusted_ && !contrast.empty()) contrast(centre).copyTo(trustedContrast_);
  return fit;
}

void Subtractor::updateTrust(double checkResidual) {
  residualRatio_ = checkResidual / std::max(baselineResidual_, 1e-6);
  trusted_ = checkResidual < baselineResidual_ * kTrustedRise + kResidualSlack;
}

double Subtractor::candidateGain(double sinceLastBlendS) {
  // A clock that stood still or went back (a source without device times) counts as one pulse.
  if (!(sinceLastBlendS > 0)) return kMaxCandidateGain;
  return std::min(kMaxCandidateGain, 1.0 - std::exp2(-sinceLastBlendS / kCandidateHalfLifeS));
}

Subtractor::MaskChange Subtractor::observe(const cv::Mat& live, bool contrastPresent, uint64_t frameId, int64_t timeNs) {
  if (state_ == MaskState::Frozen) return MaskChange::None;
  if (contrastPresent && !mask_.empty()) {
    state_ = MaskState::Frozen;
    resetTracking();
    return MaskChange::Froze;
  }
  MaskChange change = MaskChange::Blended;
  if (mask_.empty() || mask_.size() != live.size()) {
    live.copyTo(mask_);
    change = MaskChange::Taken;
  } else {
    blendGain_ = candidateGain((timeNs - maskTimeNs_) * 1e-9);
    cv::addWeighted(mask_, 1.0 - blendGain_, live, blendGain_, 0.0, mask_);
  }
  ++maskRevision_;
  moved_ = {};  // the mask changed: a moved copy of it is stale
  maskFrameId_ = frameId;
  maskTimeNs_ = timeNs;
  return change;
}

void Subtractor::prepareMoved(const RigidMotion2D& motion) {
  // The motion changes only when a fit moves it: between fits the moved mask is reused.
  if (!moved_.mask.empty() && moved_.mask.size() == mask_.size() && sameMotion(moved_.motion, motion)) return;
  moved_.motion = motion;
  moved_.mask = warpByMotion(mask_, motion);
  moved_.uncovered = uncoveredBy(motion, mask_.size());
  // The fit is good to a fraction of a pixel at the centre; away from it, parallax of a 3D
  // motion adds more, in proportion to the motion: edges get that much more allowance.
  const double edgeErrorPx = kRegistrationErrorPx + kParallaxShare * std::hypot(motion.dxPx, motion.dyPx);
  moved_.misregistration = misregistrationSigma(moved_.mask, kRegistrationErrorPx, edgeErrorPx);
}

void Subtractor::resetTracking() {
  moved_ = {};
  lastMotion_ = {};
  framesSinceFit_ = 0;
  fitCheckResidual_ = 0;
  baselineResidual_ = 0;
  residualRatio_ = 1;
  trusted_ = true;
  trustedContrast_.release();
}

void Subtractor::remask() {
  mask_.release();
  ++maskRevision_;
  state_ = MaskState::Collecting;
  resetTracking();
}

}  // namespace fg::guidance
