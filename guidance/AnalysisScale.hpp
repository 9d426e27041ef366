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

// "mm at the spine", "mm at the spine (magnification assumed 1.5)", "mm (estimated: no pixel spacing)".
std::string describe(const AnalysisScale& scale);

}  // namespace fg::guidance
