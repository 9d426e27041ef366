#pragma once
// The size of an analysis pixel in the patient, so that every kernel, window and threshold of the
// guidance is a size in mm, whatever the detector, the binning or the video signal's scale.
// mm at the anatomy = the frame's spacing (at the detector) / the C-arm's magnification; without a
// magnification, the C-arm's usual one is assumed (and said); without a spacing, a stated estimate
// (never silently px).

#include <string>

#include "core/FrameFormat.hpp"

namespace fg::guidance {

// A frame without spacing is taken as this (frame px at the detector, about a 30 cm intensifier
// or panel over 1024 px) and this magnification (a C-arm's usual 1.5): the result says so.
inline constexpr double kAssumedDetectorMmPerPx = 0.3;
inline constexpr double kAssumedMagnification = 1.5;

enum class ScaleSource : uint8_t { Invalid = 0, AtAnatomy, AssumedMagnification, Estimated };

struct AnalysisScale {
  double mmPerPx = 0;  // one analysis pixel (binning x binning frame px), in the patient
  ScaleSource source = ScaleSource::Invalid;
  bool estimated() const { return source == ScaleSource::Estimated; }
  // Lengths and areas in analysis px.
  double px(double mm) const { return mm / mmPerPx; }
  double pxArea(double mm2) const { return mm2 / (mmPerPx * mmPerPx); }
  // An odd kernel size of at least 3 px covering `mm`.
  int oddKernelPx(double mm) const;
};

AnalysisScale analysisScale(const core::FrameFormat& format, int binning);

// The analysis pixel the guidance aims at, in the patient: its finest sizes (the detection's
// 0.6 mm Gaussian, the 1.2 mm opening) stay two pixels and more, and a finer detector is not
// analysed on more pixels than the contrast's shape needs (a 0.15 mm panel binned 2 x 2 costs
// four times the analysis of one binned 4 x 4, for the same spread). The needle's tip is traced
// on the frame's own pixels whatever the binning.
inline constexpr double kAnalysisPixelMm = 0.34;
inline constexpr int kMaxBinning = 4;
// Frame px per analysis px (each way) that come nearest kAnalysisPixelMm at the spine: 2 on a
// 0.3 mm detector or a frame without spacing, 3 on a 0.184 mm or a 0.15 mm panel.
int analysisBinning(const core::FrameFormat& format);

// "mm at the spine", "mm at the spine (magnification assumed 1.5)", "mm (estimated: no pixel spacing)".
std::string describe(const AnalysisScale& scale);

}  // namespace fg::guidance
