#pragma once
// The contrast chain for one frame: bin to the analysis resolution, temporal filter, subtract the
// mask (motion-compensated), segment, accumulate the spread, measure it, classify the pattern.
// The time-intensity curve is the result's total.integratedDifference over time.
// Pure computation on the calling thread; the analysis thread runs it on the newest frame.

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "core/Frame.hpp"
#include "core/Status.hpp"
#include "guidance/ContrastPattern.hpp"
#include "guidance/ContrastSpread.hpp"
#include "guidance/FrameConditioner.hpp"
#include "guidance/InjectionSite.hpp"
#include "guidance/NoiseModel.hpp"
#include "guidance/ReferenceBank.hpp"
#include "guidance/Subtraction.hpp"
#include "guidance/TemporalFilter.hpp"

namespace fg::guidance {

struct AnalyzerSettings {
  int binning = 0;             // analysis px = binning x binning frame px; 0: from the spacing (analysisBinning)
  double filterStrength = 0.3;
  SubtractionSettings subtraction;
  SpreadSettings spread;
};


// Where one frame's analysis time went (ms, steady clock), for the bench and the status line.
struct StageTimesMs {
  double convert = 0;   // to float, binned
  double filter = 0;    // temporal noise filter (and the noise estimate)
  double motion = 0;    // motion check, and the fit when one ran
  double subtract = 0;  // mask - live, background, misregistration allowance
  double segment = 0;
  double measure = 0;   // accumulate, measure, shape features, pattern, curve
  double total = 0;
  bool motionFitted = false;  // a full motion fit ran on this frame
};

struct ContrastResult {
  core::Status status = core::Status::ok();  // why there is no result (blank frame, size change)
  uint64_t frameId = 0;
  double timeS = 0;                 // the frame's device time if it has one, else arrival time
  uint32_t timelineEpoch = 0;       // the frame's (a result never stands for another epoch's frame)
  int binning = 1;
  double mmPerAnalysisPx = 0;       // 0 when the frame has no spacing
  AnalysisScale scale;              // the analysis' sizes (mm at the spine, or estimated)
  double noiseSigma = 0;            // of the binned live frame
  double smoothedNoiseSigma = 0;    // the noise model's, at the median brightness (0: not learnt)
  bool noiseLearnt = false;         // false: too few frames yet to tell contrast from noise
  double fieldShare = 0;            // share of the image inside the collimated field, off overlays
  IntensityDomain intensity;        // how the frame's values were brought to the log domain
  // The mask froze within the first frames the model could judge: contrast may already have
  // been in it (a run that started after the injection), and the spread shows its growth only.
  bool maskMayHoldContrast = false;
  MaskState maskState = MaskState::Invalid;
  double maskAgeS = 0;
  RigidMotion2D motion;
  bool registrationTrusted = true;  // false: the mask does not fit the patient (see Subtracted)
  // The patient moved within the last 0.5 s (the fitted motion changed; a manual shift does not
  // count): the fit lags a moving patient, and the edges it has not caught up with show as
  // contrast. While `evidenceHeld` (at most 1.5 s in a row) the frame is shown, flagged, but adds
  // nothing to the accumulated spread or to the pattern's evidence.
  bool patientMoving = false;
  bool evidenceHeld = false;
  double residualRatio = 1;         // see Subtracted
  cv::Mat difference;               // CV_32FC1, analysis px (empty before a mask exists)
  cv::Mat spread;                   // CV_8UC1 255 = contrast in this frame
  cv::Mat accumulated;              // CV_8UC1 everywhere contrast has been since the mask
  SpreadMeasure now, total;
  ShapeFeatures features;
  PatternResult pattern;
  StageTimesMs timesMs;
};

class StageClock;

class ContrastAnalyzer {
 public:
  explicit ContrastAnalyzer(AnalyzerSettings settings = {});
  // `binnedOut` (optional): receives the frame binned to the analysis size as float and brought to
  // the log domain (IntensityDomain), for other analyses of the same frame (the needle detector's
  // search, the level markers) to share. (The needle's full-size trace reads the frame itself.)
  ContrastResult analyze(const core::Frame& frame, cv::Mat* binnedOut = nullptr);
  void remask();  // new mask from the next frames; clears the spread and the pattern
  // Where the needle was last seen (frame px), or none: contrast arrives there and spreads from
  // there (see InjectionSite).
  void setNeedle(const std::optional<NeedleSite>& framePx) { needleFramePx_ = framePx; }
  Subtractor& subtractor() { return subtractor_; }
  // The last frame's field (CV_8UC1 at the analysis size; see FieldFinder).
  const cv::Mat& fieldMask() const { return conditioner_.fieldMask(); }
  // Another source or timeline: the field, its overlays and the encoding are found again.
  void resetField() { conditioner_.reset(); }
  TemporalFilter& filter() { return filter_; }

 private:
  ContrastResult analyzeTimed(const core::Frame& frame, StageClock& clock, cv::Mat* binnedOut);
  // The sum of (mask - frame) over `where`, exposure offset removed, on the unfiltered frame.
  double unfilteredChange(const cv::Mat& image, const cv::Mat& where) const;
  // The subtractor's automatic masking, and the bank of earlier states while collecting.
  // `smoothedLive`: the frame as detection smooths it, when this frame computed it (empty if not).
  void observe(const cv::Mat& conditioned, const cv::Mat& smoothedLive, bool arrived, uint64_t frameId, int64_t timeNs,
               const AnalysisScale& scale);
  // The mask as detection smooths it, kept with the mask (see Subtractor::observe), so that the
  // smoothed difference is smoothedMask - smoothedLive - offset: one Gaussian a frame, not two.
  const cv::Mat& smoothedMask(const AnalysisScale& scale);

  AnalyzerSettings settings_;
  TemporalFilter filter_;
  Subtractor subtractor_;
  PatternClassifier classifier_;
  core::FrameFormat format_;
  cv::Mat accumulated_;
  RigidMotion2D accumulatedMotion_;  // the mask motion the accumulated map is registered to
  FrameConditioner conditioner_;  // binning, field and encoding
  cv::Mat smoothedMask_;
  uint64_t smoothedMaskRevision_ = ~uint64_t{0};  // the mask revision it is of
  ReferenceBank bank_;  // earlier contrast-free states (smoothed), beside the mask
  NoiseModel noise_;
  NoiseMaps noiseMaps_;  // the model's maps for the mask's brightness
  int judgedFrames_ = 0;  // frames segmented since the model was ready
  int framesSinceMaps_ = 0, framesSinceLearnt_ = 0;
  std::optional<NeedleSite> needleFramePx_;
  // A possible arrival away from the needle, or with none: frames in a row, and since when.
  int pendingArrival_ = 0;
  double pendingSinceS_ = 0;
  int pendingSinceJudged_ = 0;  // judgedFrames_ when the pending arrival was first seen
  cv::Mat pendingSpread_;
  // A possible arrival at the needle, held (the mask waits) until it grows, or let go.
  struct Held {
    bool active = false;
    double integrated = 0;  // its unfiltered change when first seen (see unfilteredChange)
    double sinceS = 0;
    cv::Mat spread;         // where it was first seen
    double latest = 0;      // the largest change over the held region since
    int growths = 0;        // frames on which it grew past that
    double lastS = 0;       // the last frame's time
    int sinceJudged = 0;    // judgedFrames_ when first seen
  };
  Held held_;
  bool maskMayHoldContrast_ = false;
  double midlineX_ = -1;
  double motionChangedS_ = -1;  // when the fitted motion last changed (-1: never since the mask)
  double movingSinceS_ = -1;    // when the patient began moving, this time
  bool fittedSinceFreeze_ = false;
  RigidMotion2D lastFittedMotion_;
};

}  // namespace fg::guidance
