#include "guidance/Subtraction.hpp"

#include <cmath>

namespace fg::guidance {

namespace {
constexpr double kCandidateGain = 0.5;  // the candidate follows the anatomy within a few frames
constexpr double kFitMustBeat = 0.9;    // a motion fit is used when its residual is 10 % lower...
constexpr double kSmallestShiftPx = 0.4;  // ...and it moves by more than the fit's own uncertainty
constexpr double kSmallestAngleDeg = 0.15;
}

Subtracted Subtractor::subtract(const cv::Mat& live, double noiseSigma, const cv::Mat& contrast) {
  Subtracted out;
  if (mask_.empty() || mask_.size() != live.size()) return out;
  out.maskTimeNs = maskTimeNs_;
  out.maskFrameId = maskFrameId_;
  RigidMotion2D motion;
  if (settings_.compensation == MotionCompensation::Automatic && state_ == MaskState::Frozen) {
    ++framesSinceFit_;
    const bool due = !lastMotion_.valid || framesSinceFit_ >= settings_.motionEveryFrames ||
                     lastMotion_.residualSigma > settings_.residualToRefit;
    if (due) {
      // Contrast biases the fit a little; a fit that does not beat standing still clearly is
      // noise, and applying it would draw every bone edge into the subtraction.
      // Fit on the centre of the view, where the C-arm is aimed (the target level): a 2D rigid
      // fit cannot follow the parallax of a 3D motion across the whole field, but a region of
      // similar depth it follows well. The crop shares the image centre, so the fitted rotation
      // and shift apply to the whole image.
      const cv::Rect centre(live.cols / 4, live.rows / 4, live.cols / 2, live.rows / 2);
      const cv::Mat ignore = contrast.empty() ? cv::Mat() : contrast(centre);
      RigidMotion2D fit = estimateMotion(mask_(centre), live(centre), noiseSigma, 256, ignore);
      const double still = motionResidual(mask_(centre), live(centre), RigidMotion2D{}, noiseSigma);
      const bool small = std::hypot(fit.dxPx, fit.dyPx) < kSmallestShiftPx && std::abs(fit.angleDeg) < kSmallestAngleDeg;
      if (small || !(fit.residualSigma < kFitMustBeat * still)) {
        fit = RigidMotion2D{};
        fit.residualSigma = still;
      }
      fit.valid = true;
      lastMotion_ = fit;
      framesSinceFit_ = 0;
    }
    motion = lastMotion_;
  }
  motion.dxPx += settings_.manualShiftXPx;
  motion.dyPx += settings_.manualShiftYPx;
  motion.valid = true;
  const bool moved = std::abs(motion.dxPx) > 0.05 || std::abs(motion.dyPx) > 0.05 || std::abs(motion.angleDeg) > 0.02;
  const cv::Mat fitted = moved ? warpByMotion(mask_, motion) : mask_;
  cv::subtract(fitted, live, out.difference);
  out.motion = motion;
  return out;
}

void Subtractor::observe(const cv::Mat& live, bool contrastPresent, uint64_t frameId, int64_t timeNs) {
  if (state_ == MaskState::Frozen) return;
  if (contrastPresent && !mask_.empty()) {
    state_ = MaskState::Frozen;
    lastMotion_ = {};
    framesSinceFit_ = 0;
    return;
  }
  if (mask_.empty() || mask_.size() != live.size()) {
    live.copyTo(mask_);
  } else {
    cv::addWeighted(mask_, 1.0 - kCandidateGain, live, kCandidateGain, 0.0, mask_);
  }
  maskFrameId_ = frameId;
  maskTimeNs_ = timeNs;
}

void Subtractor::remask() {
  mask_.release();
  state_ = MaskState::Collecting;
  lastMotion_ = {};
}

}  // namespace fg::guidance
