#include "guidance/FrameAnalysis.hpp"

#include <chrono>

#include "guidance/GuidanceImage.hpp"
#include "guidance/RobustStats.hpp"
#include "guidance/VertebraFinder.hpp"

namespace fg::guidance {

core::Result<NeedleObservation> findNeedle(NeedleDetector& detector, FrameConditioner& finer, const core::Frame& frame,
                                           const cv::Mat& binned, int binning, const cv::Mat& field) {
  if (binning <= kMaxNeedleSearchBinning) return detector.detect(frame, binned, binning, std::nullopt, field);
  auto copy = finer.condition(frame);
  if (!copy) return copy.status();
  return detector.detect(frame, copy.value().image, copy.value().binning, std::nullopt, finer.fieldMask());
}

std::shared_ptr<AnalysisResult> FrameAnalysis::analyse(const core::Frame& frame,
                                                       std::optional<LevelRequest>* levelRequest) {
  if (epoch_ && *epoch_ != frame.timelineEpoch()) restart();
  epoch_ = frame.timelineEpoch();
  // Another format (size, encoding, spacing): the needle's copy finds its field and encoding again,
  // as the contrast analysis does.
  if (lastFormat_.valid()) {
    if (auto changed = checkComparable(lastFormat_, frame.format()); !changed) {
      needleConditioner_.reset();
      // The markers were placed on the other format's pixels (another size, field or binning):
      // followed onto this one they would sit on other vertebrae. They are taken off, and said so.
      if (!levels_.empty()) {
        levels_.clear();
        levelState_ = {};
        levelState_.problem = changed.message() + "; the level markers were taken off: name the levels again";
        levelState_.revision = ++levelRevisions_;
      }
    }
  }
  lastFormat_ = frame.format();
  auto result = std::make_shared<AnalysisResult>();
  result->format = frame.format();
  cv::Mat binned;
  // The needle hardly moves between two frames: where it last was says where contrast would arrive.
  // A frame or two that missed it (a fine needle in noise, contrast over its tip) does not take it
  // away: it is where it was seen within kNeedleMemoryS.
  const double timeS = (frame.deviceNs() != core::kNoTimeNs ? frame.deviceNs() : frame.arrivalNs()) * 1e-9;
  const NeedleObservation& lastNeedle = needle_.last();
  if (lastNeedle.found) {
    tipTrail_.emplace_back(timeS, lastNeedle.tipPx);
    while (!tipTrail_.empty() && !(timeS - tipTrail_.front().first <= kAdvanceWindowS)) tipTrail_.pop_front();
    lastSite_ = NeedleSite{lastNeedle.tipPx, lastNeedle.hubPx, advancedPx(lastNeedle.axis)};
    lastSiteS_ = timeS;
  } else if (lastSite_ && !(timeS - lastSiteS_ >= 0 && timeS - lastSiteS_ <= kNeedleMemoryS)) {
    lastSite_.reset();
  }
  analyzer_.setNeedle(lastSite_);
  result->contrast = analyzer_.analyze(frame, &binned);
  if (binned.empty()) return result;  // the level request (if any) stays for the next frame
  const auto started = std::chrono::steady_clock::now();
  auto needle = findNeedle(needle_, needleConditioner_, frame, binned, result->contrast.binning, analyzer_.fieldMask());
  if (needle) result->needle = needle.value();
  const auto needleDone = std::chrono::steady_clock::now();
  result->needleMs = std::chrono::duration<double, std::milli>(needleDone - started).count();
  if (levelRequest != nullptr && *levelRequest) {
    applyLevels(**levelRequest, frame, binned, result->contrast.binning, result->needle);
    levelRequest->reset();
  } else if (!levels_.empty()) {
    levels_.track(binned, &result->needle);
  }
  levelState_.markers = levels_.markers();
  result->levels = levelState_;
  result->levelsMs =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - needleDone)
          .count();
  return result;
}

double FrameAnalysis::advancedPx(cv::Point2d axis) const {
  // The median place of the window's older half to that of its newer half, forward along the
  // needle only (a tip found shorter, as when contrast arrives over it, is no needle advanced):
  // a tip found a little off now and then (noise, a faint tip) moves neither median.
  if (tipTrail_.size() < 4) return 0;
  const size_t half = tipTrail_.size() / 2;
  const auto medianAlong = [&](size_t from, size_t to) {
    std::vector<double> along;
    for (size_t i = from; i < to; ++i) along.push_back(tipTrail_[i].second.dot(axis));
    return medianInPlace(along);
  };
  // The two medians lie about half the window apart: twice their distance is the window's advance.
  return 2 * std::max(0.0, medianAlong(half, tipTrail_.size()) - medianAlong(0, half));
}

void FrameAnalysis::restart() {
  analyzer_.remask();
  analyzer_.filter().reset();
  analyzer_.resetField();
  needleConditioner_.reset();
  needle_.reset();
  lastSite_.reset();
  tipTrail_.clear();
}

void FrameAnalysis::applyLevels(const LevelRequest& request, const core::Frame& frame,
                                const cv::Mat& binned, int binning,
                                const NeedleObservation& needle) {
  levelState_.problem.clear();
  levelState_.revision = ++levelRevisions_;
  switch (request.kind) {
    case LevelRequest::Kind::FromOneVertebra: {
      auto labelled = labelVertebrae(frame.format(), binned, binning, request.vertebraPx,
                                     request.label, request.lumbarCount);
      if (!labelled) {
        levelState_.problem = labelled.status().message();
        return;
      }
      // Markers already placed stay when they agree with the new naming (naming S1 after L3-L5
      // adds S1); when they disagree the new naming wins, and says so.
      std::string note;
      std::vector<LevelMarker> merged =
          mergeLabels(levels_.markers(), std::move(labelled.value()), frame.format().orientation,
                      request.lumbarCount, &note);
      levels_.label(frame.format(), binned, binning, std::move(merged), request.counting, &needle);
      levelState_.problem = note;
      break;
    }
    case LevelRequest::Kind::Markers:
      levels_.label(frame.format(), binned, binning, request.markers, request.counting, &needle);
      break;
    default:
      levels_.clear();
      break;
  }
  levelState_.counting = levels_.empty() ? LevelCounting::Invalid : request.counting;
  levelState_.lumbarCount = request.lumbarCount;
  const size_t asked = request.kind == LevelRequest::Kind::Markers ? request.markers.size() : 0;
  if (asked > levels_.markers().size()) {
    levelState_.problem = "markers too near the image's edge to follow were left out";
  }
}

}  // namespace fg::guidance
