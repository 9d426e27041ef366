#pragma once
// The analysis of one frame, step by step with the frames before it: the contrast chain, the
// needle detector and the level tracker on one shared conversion (the needle's line search on its
// own finer copy where the contrast bins coarser than it can search; see kMaxNeedleSearchBinning). The analysis thread runs it on
// the newest frame; an export runs it on every frame of a recorded run. Not thread-safe: one
// caller at a time.

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "guidance/ContrastAnalyzer.hpp"
#include "guidance/LevelTracker.hpp"
#include "guidance/NeedleDetector.hpp"

namespace fg::guidance {

// A change to the spinal level labels, taken up before the next frame.
struct LevelRequest {
  enum class Kind : uint8_t { Invalid = 0, FromOneVertebra, Markers, Clear };
  Kind kind = Kind::Invalid;
  cv::Point2d vertebraPx;            // FromOneVertebra: the one pointed at (frame px)...
  std::string label;                 // ...and its name; the others are found and counted
  std::vector<LevelMarker> markers;  // Markers: every marker, placed and named by the user
  LevelCounting counting = LevelCounting::Invalid;
  int lumbarCount = kUsualLumbarCount;
};

// The level markers as followed into one frame.
struct LevelState {
  std::vector<LevelMarker> markers;  // head to foot
  LevelCounting counting = LevelCounting::Invalid;
  int lumbarCount = kUsualLumbarCount;
  std::string problem;    // why the last request was not taken, or what was left out
  uint64_t revision = 0;  // changes with every relabelling
};

// Everything the analysis found in one frame.
struct AnalysisResult {
  ContrastResult contrast;   // carries the frame id and time
  core::FrameFormat format;  // the frame's (spacing, magnification, orientation)
  NeedleObservation needle;
  double needleMs = 0;  // time the needle detection took
  LevelState levels;
  double levelsMs = 0;  // time the level tracking took
};
using ResultRef = std::shared_ptr<const AnalysisResult>;

// The needle in one frame: searched on the analysis image `binned` (`binning` frame px per px,
// `field` its field), or on `finer`'s own copy of the frame where the analysis bins coarser than
// the search can (kMaxNeedleSearchBinning). Fails only when that copy cannot be made.
core::Result<NeedleObservation> findNeedle(NeedleDetector& detector, FrameConditioner& finer, const core::Frame& frame,
                                           const cv::Mat& binned, int binning, const cv::Mat& field);

class FrameAnalysis {
 public:
  explicit FrameAnalysis(AnalyzerSettings settings) : analyzer_(settings) {}
  void remask() { analyzer_.remask(); }
  void setSubtraction(const SubtractionSettings& settings) {
    analyzer_.subtractor().setSettings(settings);
  }
  // Analyses `frame`, applying `levelRequest` (if any) first. Returns the request back when the
  // frame gave no image to label on (it waits for the next one).
  std::shared_ptr<AnalysisResult> analyse(const core::Frame& frame,
                                          std::optional<LevelRequest>* levelRequest);

 private:
  void applyLevels(const LevelRequest& request, const core::Frame& frame, const cv::Mat& binned,
                   int binning, const NeedleObservation& needle);

  // The source's timeline restarted (a loop, a seek): mask, spread, pattern and the needle's
  // history start again; the level markers stay (the radiologist's, followed by registration).
  void restart();

  ContrastAnalyzer analyzer_;
  // The needle's own copy of the frame where the analysis bins coarser than its search can
  // (see kMaxNeedleSearchBinning).
  FrameConditioner needleConditioner_{kMaxNeedleSearchBinning};
  core::FrameFormat lastFormat_;
  uint64_t levelRevisions_ = 0;
  std::optional<uint32_t> epoch_;
  NeedleDetector needle_;
  // Where the needle was last seen, and when (s, the frames' clock).
  static constexpr double kNeedleMemoryS = 1.0;
  std::optional<NeedleSite> lastSite_;
  double lastSiteS_ = 0;
  // How far the needle's tip moved forward within kAdvanceWindowS (frame px; see NeedleSite).
  double advancedPx(cv::Point2d axis) const;
  // The tip's recent places (s, frame px), for how far it moved within kAdvanceWindowS.
  std::deque<std::pair<double, cv::Point2d>> tipTrail_;
  LevelTracker levels_;
  LevelState levelState_;
};

}  // namespace fg::guidance
