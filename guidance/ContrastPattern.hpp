#pragma once
// Where the contrast went, from the shape and the time course of the spread:
//   intravascular  thin, elongated and filling at the speed of blood flow (a vessel outline), or
//                  washing out within a second or two instead of pooling - raises an alert that
//                  must be acknowledged;
//   intrathecal    centred on the spinal midline and symmetric, broad (myelogram-like);
//   epidural       persisting, asymmetric or off the midline;
//   indeterminate  too little yet, or none of the above.
// Epidural and intrathecal are called after a few frames support them, with a confidence that is
// the share of the frames seen that do (never the time passed); intrathecal never above 0.85 (a
// subdural collection can look the same).
// Shape features are in mm at the anatomy (AnalysisScale); times in seconds since the first arrival.

#include <cstdint>
#include <deque>
#include <string_view>

#include <opencv2/core.hpp>

namespace fg::guidance {

// Less spread than this is too little to call a pattern, or to take as the contrast's arrival
// (a needle tip moving between frames leaves a smaller mark).
inline constexpr double kMinContrastAreaMm2 = 9;  // at the anatomy (20 at a detector 1.5x larger)

enum class Pattern : uint8_t { Invalid = 0, Indeterminate, Epidural, Intravascular, Intrathecal };
std::string_view toString(Pattern pattern);

struct ShapeFeatures {
  double areaMm2 = 0;
  double lengthMm = 0;        // along the main axis
  double widthMm = 0;         // area / length
  // 2 area / perimeter: a thin structure's width whatever its shape (a branching vessel tree is
  // thin though not elongated as a whole); a pool's is about its radius.
  double thicknessMm = 0;
  double elongation = 0;      // major / minor axis
  double midlineOffsetMm = 0; // centroid to the spinal midline (image x)
  double balance = 0;         // smaller / larger of the areas left and right of the midline
};

// `midlineX`: spinal midline column in the mask's px, or < 0 when unknown (e.g. lateral views).
ShapeFeatures shapeFeatures(const cv::Mat& mask, double mmPerPx, double midlineX);

// The darkest (most attenuating) vertical band near the middle of an AP image's collimated field
// (`field`: CV_8UC1, non-zero inside; empty: the whole image): the spine. < 0 when no field.
double estimateMidlineX(const cv::Mat& image, const cv::Mat& field);

struct PatternResult {
  Pattern pattern = Pattern::Indeterminate;
  double confidence = 0;
  bool intravascularAlert = false;  // newly raised on this frame
};

class PatternClassifier {
 public:
  // One analysed frame: its spread mask features and time.
  PatternResult update(const ShapeFeatures& frame, bool present, double timeS);
  // The pattern as it stands, for a frame that is no evidence (no new alert).
  PatternResult standing() const { return {last_, lastConfidence_, false}; }
  void reset();
  bool alertRaised() const { return alertRaised_; }

 private:
  double firstArrivalS_ = -1;
  double peakAreaMm2_ = 0;
  double peakTimeS_ = 0;
  // The outline's length on the recent frames with enough contrast, for its growth.
  struct LengthSample {
    double timeS;
    double lengthMm;
    bool vesselShape;
  };
  std::deque<LengthSample> lengths_;
  int vesselVotes_ = 0;
  int contrastFrames_ = 0;     // frames with enough contrast to judge
  int epiduralFrames_ = 0;     // ... that support each class
  int intrathecalFrames_ = 0;
  bool alertRaised_ = false;
  Pattern last_ = Pattern::Indeterminate;
  double lastConfidence_ = 0;
};

}  // namespace fg::guidance
