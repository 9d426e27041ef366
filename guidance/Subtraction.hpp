#pragma once
// Digital subtraction for the contrast run: difference = mask - live in the detector's log
// units, so contrast (more attenuation, a darker live image) is positive and bone cancels.
//
// The mask: until contrast arrives, every contrast-free frame refreshes a running average (the
// candidate); the first frame with contrast freezes it, so the mask is the anatomy just before the
// arrival. The user can re-mask at any time. Patient motion after the mask is compensated (rigid,
// in-plane) when automatic compensation is on, plus any manual pixel shift; the residual of the fit
// is reported so a poor fit is visible.

#include <cstdint>
#include <optional>

#include <opencv2/core.hpp>

#include "guidance/MotionEstimate.hpp"

namespace fg::guidance {

enum class MaskState : uint8_t { Invalid = 0, Collecting, Frozen };
enum class MotionCompensation : uint8_t { Invalid = 0, Off, Automatic };

struct SubtractionSettings {
  MotionCompensation compensation = MotionCompensation::Automatic;
  double manualShiftXPx = 0;  // added to the automatic estimate (analysis px)
  double manualShiftYPx = 0;
  // The fit is the costly stage: it runs when a cheap per-frame check of the last fit says the
  // patient moved, and at least every N frames.
  int motionEveryFrames = 15;
};

struct Subtracted {
  cv::Mat difference;           // CV_32FC1, mask - live; empty when no mask yet
  RigidMotion2D motion;         // applied to the mask
  RigidMotion2D fittedMotion;   // of that, what the fit found (without the user's manual shift)
  double exposureOffset = 0;    // removed from the difference (log units): the exposure change
  // After motion: the sigma the registration's uncertainty adds at each pixel (empty when the mask
  // did not move). Add it to the noise before thresholding.
  cv::Mat misregistrationSigma;
  bool maskMoved = false;       // the mask was moved by the motion (difference = moved mask - live - plane)
  // False while the motion fit leaves a residual well above the one just after the mask froze:
  // the patient moved more (or otherwise) than a rigid in-plane fit follows, and the difference
  // shows anatomy as well as contrast.
  bool registrationTrusted = true;
  // The motion check's residual over the one just after the mask froze: ~1 while nothing moved,
  // 2-3 after a real 3D motion (parallax), far more when the fit failed.
  double residualRatio = 1;
  double motionMs = 0;          // time spent on the motion check and fit
  bool motionFitted = false;    // a full fit ran (not only the check)
  int64_t maskTimeNs = 0;       // when the mask was frozen (or last refreshed)
  uint64_t maskFrameId = 0;
};

class Subtractor {
 public:
  explicit Subtractor(SubtractionSettings settings = {}) : settings_(settings) {}
  void setSettings(const SubtractionSettings& s) { settings_ = s; }
  const SubtractionSettings& settings() const { return settings_; }

  // The difference of `live` against the current mask (or the candidate while collecting).
  // `contrast` (optional, CV_8UC1): where contrast was last seen, left out of the motion fit.
  Subtracted subtract(const cv::Mat& live, double noiseSigma, const cv::Mat& contrast = cv::Mat());
  // After segmentation: a contrast-free frame refreshes the candidate; the first frame with
  // contrast freezes the mask (automatic masking).
  // Says what it did to the mask, so that a caller keeping a filtered copy of the mask (a linear
  // filter F: F(mask) after a blend is (1 - blendGain()) F(mask) + blendGain() F(live)) can follow
  // it without filtering the mask again.
  enum class MaskChange : uint8_t { None, Taken, Blended, Froze };
  // The candidate follows the anatomy within a fraction of a second, whatever the pulse rate: each
  // blend takes half of the live frame per kCandidateHalfLifeS since the last one, at most
  // kMaxCandidateGain. (Per frame, a fast pulse rate would follow contrast that fades in slowly,
  // as in a run that starts during the injection, as fast as it comes, and never see it.)
  static constexpr double kMaxCandidateGain = 0.5;
  static constexpr double kCandidateHalfLifeS = 0.13;  // one pulse at 7.5 pulses/s
  static double candidateGain(double sinceLastBlendS);
  MaskChange observe(const cv::Mat& live, bool contrastPresent, uint64_t frameId, int64_t timeNs);
  double blendGain() const { return blendGain_; }  // of the last blend
  // Re-mask: the next frames build a new mask from scratch (the user's "new mask" key).
  void remask();
  MaskState state() const { return state_; }
  const cv::Mat& mask() const { return mask_; }  // the frozen mask, or the candidate (unmoved)
  // Changes with every change of mask(): taken, blended or released.
  uint64_t maskRevision() const { return maskRevision_; }

 private:
  SubtractionSettings settings_;
  MaskState state_ = MaskState::Collecting;
  cv::Mat mask_;
  uint64_t maskRevision_ = 0;
  double blendGain_ = kMaxCandidateGain;
  uint64_t maskFrameId_ = 0;
  int64_t maskTimeNs_ = 0;
  RigidMotion2D trackMotion(const cv::Mat& live, double noiseSigma, const cv::Mat& contrast);

  void resetTracking();
  void updateTrust(double checkResidual);
  void prepareMoved(const RigidMotion2D& motion);

  struct MovedMask {
    RigidMotion2D motion;
    cv::Mat mask;             // the mask moved by `motion`
    cv::Mat uncovered;        // CV_8UC1: where it has no data
    cv::Mat misregistration;  // the sigma its registration error adds
  };
  MovedMask moved_;

  RigidMotion2D lastMotion_;
  double fitCheckResidual_ = 0;  // the last fit's residual at the check's size
  double baselineResidual_ = 0;  // the first fit's, after the mask froze
  bool trusted_ = true;
  double residualRatio_ = 1;
  cv::Mat trustedContrast_;      // the contrast (centre crop) when the fit last held
  int framesSinceFit_ = 0;
  int fits_ = 0;
};

}  // namespace fg::guidance
