#include "guidance/Subtraction.hpp"

namespace fg::guidance {

namespace {
constexpr double kCandidateGain = 0.5;  // the candidate follows the anatomy within a few frames
}

Subtracted Subtractor::subtract(const cv::Mat& live, double noiseSigma, uint64_t frameId, int64_t timeNs) {
  (void)frameId;
  (void)timeNs;
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
      lastMotion_ = estimateMotion(mask_, live, noiseSigma);
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
