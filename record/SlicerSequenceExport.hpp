#pragma once
// A recorded run as a 3D Slicer sequence: a PLUS-style sequence metafile (.seq.mha) that Slicer's
// Sequences module opens as an image sequence browsable frame by frame, each frame with its
// capture time ("Seq_FrameNNNN_Timestamp", seconds from the run's first frame) and its capture id.
// The header is written by VTK's MetaIO; the pixels follow it frame by frame exactly as recorded
// (lossless, 8 or 16 bits), so memory does not grow with the run's length. Pixel spacing in mm
// from the frames' calibration (1 mm when uncalibrated, as Slicer would otherwise assume).

#include <filesystem>

#include "core/Status.hpp"
#include "record/CineRun.hpp"

namespace fg::record {

inline constexpr const char* kSlicerSequenceExtension = ".seq.mha";

// Error: an empty run, frames of different formats, or a file that cannot be
// written (named; a partial file is removed).
core::Status exportSlicerSequence(const CineRun& run, const std::filesystem::path& file);

}  // namespace fg::record
