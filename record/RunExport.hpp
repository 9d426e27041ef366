#pragma once
// Every export of one recorded run, side by side in its folder: run.dcm (multi-frame DICOM),
// run.mp4 (H.264 for teaching) and run.seq.mha (a 3D Slicer sequence). One failing export does not
// stop the others; each says what went wrong.

#include <filesystem>
#include <string>

#include "core/FrameFormat.hpp"
#include "procedure/CaseFiles.hpp"
#include "record/CineRun.hpp"
#include "record/DicomExport.hpp"
#include "record/Mp4Export.hpp"

namespace fg::record {

inline constexpr const char* kDicomFileName = "run.dcm";
inline constexpr const char* kMp4FileName = "run.mp4";
inline constexpr const char* kSequenceFileName = "run.seq.mha";

// How the frames came to be, for DICOM's Conversion Type: "SYN" for a simulated case, "DV" for
// 8-bit frames grabbed from a video output, "DI" for frames from a digital interface.
std::string conversionTypeFor(bool simulated, core::PixelFormat pixels);

struct RunExports {
  core::Status dicom = core::Status::ok(), mp4 = core::Status::ok(), sequence = core::Status::ok();
  bool allOk() const { return dicom.isOk() && mp4.isOk() && sequence.isOk(); }
  // "run.dcm, run.mp4, run.seq.mha", each replaced by its error when it failed.
  std::string summary() const;
};

// Writes the three files into `outDir` (which must exist); the MP4 turned as the screen shows it.
RunExports exportRun(const CineRun& run, const procedure::CaseInfo& info, const DicomSeries& series,
                     const std::filesystem::path& outDir, const core::ViewOrientation& turn = {});

}  // namespace fg::record
