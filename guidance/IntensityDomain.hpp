#pragma once
// One domain for every imaging chain. The guidance works on values proportional to the log of the
// X-ray intensity (attenuation) in the frame's own range (0 .. its maximum value), so that a
// difference of two frames is the same contrast over bone and over soft tissue, in every encoding.
//   Log      kept as it is (a detector's log look-up, DICOM "LOG");
//   Linear   quanta counted linearly (raw flat-panel data): v -> max ln(1 + v) / ln(1 + max);
//   Display  a monitor's picture: the log image windowed (and perhaps gamma-encoded for the
//            monitor), taken as that windowed log image; only its black is taken off. The gamma is
//            not undone, even where the source knows it: a grabbed signal or an exported picture
//            does not say it, a fluoroscope's processing maps the window to drive levels with its
//            own curve, and on the simulator's gamma-encoded video undoing it (2.2) pressed the
//            dark half of the window, where contrast lies, into a third of the range: arrivals
//            came seconds late and the fronts left read as vessels. black is the darkest value of
//            the first frame, at most 16 (limited-range video);
//   Unknown  measured on the first frame: noise that grows with brightness (its log against the
//            value's log rising by more than 0.25: quanta, σ² ∝ value, give 0.5) is linear; noise
//            that falls or stays is log (quanta through a log look-up: σ ∝ 1 / √quanta). An
//            8-bit picture whose noise does not grow is a display's (video, exported JPEG).
//            Where the first frame cannot tell (too few samples in the field), the same rule
//            holds as if the noise did not grow, and the description says it was not measurable.
// The conversion runs on the binned frame after the field was found on the raw one (the blades'
// near-black would not stay near black through a logarithm).

#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "core/FrameFormat.hpp"

namespace fg::guidance {

struct IntensityDomain {
  core::PixelIntensity from = core::PixelIntensity::Unknown;  // what the values were taken as
  bool measured = false;   // from the frame's noise, not from the source
  bool measurable = true;  // measured: false when the first frame had too few samples to tell
  double noiseSlope = 0;   // measured: d ln(noise) / d ln(value) across the field's brightness
  double black = 0;        // Display: the value that is no light
  double knownGamma = 0;   // Display: the gamma the source says it encoded with (0: not said), left in
};

// "log (as the source says)", "linear, measured (noise grows with brightness, slope 0.48)",
// "display, taken as a windowed log image (gamma 2.2 left in), black 16 (as the source says)".
std::string describe(const IntensityDomain& domain);

// The noise's growth with brightness on one image (see the header): the slope of ln σ against
// ln value over brightness bands inside `field` (CV_8UC1, 255 inside; empty = everywhere), σ from
// horizontal second differences. None when fewer than three bands have enough samples.
std::optional<double> noiseSlopeWithBrightness(const cv::Mat& image, const cv::Mat& field);

class DomainConverter {
 public:
  // `image`: the binned frame, CV_32FC1 in raw units; brought to the log domain in place. The
  // domain is decided on the first frame after a reset (from `format`, or measured on `image`
  // inside `field`) and kept.
  const IntensityDomain& apply(cv::Mat& image, const core::FrameFormat& format, const cv::Mat& field);
  const IntensityDomain& domain() const { return domain_; }
  bool decided() const { return decided_; }
  void reset() { decided_ = false; domain_ = {}; }

 private:
  void decide(const cv::Mat& image, const core::FrameFormat& format, const cv::Mat& field);

  bool decided_ = false;
  IntensityDomain domain_;
  double max_ = 0;
};

}  // namespace fg::guidance
