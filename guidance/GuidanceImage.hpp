#pragma once
// Guidance works on float images, converted once per analysed frame from the frame's 8- or 16-bit
// pixels (toFloat, in the frame's raw units) and then brought to the log domain, where a
// difference of two frames is a difference of attenuation (IntensityDomain; a detector's log
// look-up is already there).

#include <opencv2/core.hpp>

#include "core/Frame.hpp"
#include "core/Status.hpp"

namespace fg::guidance {

// The frame as CV_32FC1 in raw units, averaged over binning x binning pixels (binned on the
// integers in one pass for 2 to 4, by an area resize above; the last columns and rows short of a
// block are left out). Refuses blank (all one value) frames: there is nothing to analyse, and
// saturation would pass as "no contrast"; and a binning below 1 or larger than the frame.
core::Result<cv::Mat> toFloat(const core::Frame& frame, int binning = 1);

// Frames that can be compared with each other: same size and pixel format.
core::Status checkComparable(const core::FrameFormat& a, const core::FrameFormat& b);

// Robust noise level (standard deviation) of an image, from the median magnitude of horizontal
// second differences, in the image's units.
double estimateNoiseSigma(const cv::Mat& image);
// The same inside `field` only (CV_8UC1, 255 = inside; the collimator's blades would otherwise
// set it: through a logarithm their near-black is the noisiest part of the image). The whole
// image when the field is empty or holds too few samples.
double estimateNoiseSigma(const cv::Mat& image, const cv::Mat& field);

// The same for a frame's own pixels, without converting it (for the display's noise filter):
// raw units, 0 when the frame has no valid format.
double estimateNoiseSigma(const core::Frame& frame);

}  // namespace fg::guidance
