#pragma once
// Finds the vertebrae above and below one the radiologist pointed at, by the spine's
// self-similarity: each vertebra looks most like its neighbours, about one vertebral pitch away
// along the spine (the head's direction in the image, from the frame's orientation). From the
// one pointed at, its patch is looked for in a band 24-50 mm away each way at the spine;
// from then on each found vertebra's own patch is looked for one pitch further on. The search
// stops where the match is weak (the sacrum, the image's edge) - the radiologist adds or moves
// markers by hand there. Units: frame px in and out, mm at the anatomy for the settings.

#include <opencv2/core.hpp>
#include <vector>

#include "core/FrameFormat.hpp"
#include "core/Status.hpp"
#include "guidance/LevelTracker.hpp"

namespace fg::guidance {

// Sizes in mm at the anatomy (the frame's spacing / magnification; see AnalysisScale).
struct VertebraSearch {
  // A lumbar vertebra's body and the disc below it: 30-45 mm in an adult. A patch matches itself
  // well when shifted by a fraction of a vertebra (soft tissue and gas vary slowly), so the
  // shortest pitch looked at stays above half a vertebra (on the CT patient, a 17 mm minimum
  // found L5 18 mm below L4, at the disc).
  double minPitchMm = 24.0;
  double maxPitchMm = 50.0;
  double patchMm = 27.0;           // side of the first patch
  double patchShareOfPitch = 0.8;  // later patches: this share of the pitch found
  double acrossMm = 8.0;           // how far off the spine's line a neighbour may lie
  double minCorrelation = 0.55;    // weaker matches end the search that way
  int maxEachWay = 6;
};

// The centres from head to foot, the one pointed at included (at `anchorPx`). `binned`: the frame
// averaged over binning x binning px, as float.
std::vector<cv::Point2d> findVertebrae(const core::FrameFormat& format, const cv::Mat& binned,
                                       int binning, cv::Point2d anchorPx,
                                       const VertebraSearch& search = {});

// The vertebra at `vertebraPx` named `label`, its neighbours found and named by counting from it
// (with `lumbarCount` lumbar vertebrae). Neighbours found past T11 or S1 (sacral segments look
// like vertebrae too) are left out. Error: the label is not a level of that spine.
core::Result<std::vector<LevelMarker>> labelVertebrae(const core::FrameFormat& format,
                                                      const cv::Mat& binned, int binning,
                                                      cv::Point2d vertebraPx,
                                                      const std::string& label, int lumbarCount);

}  // namespace fg::guidance
