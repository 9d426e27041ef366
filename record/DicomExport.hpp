#pragma once
// A recorded run as one multi-frame DICOM file. Frames grabbed from a video output or made by
// the simulator are display images, not original X-ray acquisitions, so the SOP class says so:
// Multi-frame Grayscale Word (16-bit) or Byte (8-bit) Secondary Capture Image Storage. The cine
// timing goes with it (Frame Time Vector from the capture times, Cine Rate, Recommended Display
// Frame Rate), the patient, study and series from the case, and the pixel spacing when known
// (Pixel Spacing, which the secondary capture IOD does not list but readers use: dciodvfy warns,
// never errs; Nominal Scanned Pixel Spacing is for scanned film only). Written through DCMTK,
// explicit VR little endian.

#include <filesystem>
#include <string>

#include "core/Status.hpp"
#include "procedure/CaseFiles.hpp"
#include "record/CineRun.hpp"

namespace fg::record {

struct DicomSeries {
  std::string studyInstanceUid;  // empty: a new one
  std::string seriesDescription = "FluoroGuide cine run";
  int seriesNumber = 1;
  // How the frames came to be (0008,0064): "SYN" simulated, "DV" grabbed from a video output,
  // "DI" from a digital interface, "WSD" made on a workstation.
  std::string conversionType = "WSD";
};

// Every frame of `run` (one format throughout) into `file`. Errors: an empty run, frames of
// different formats, a write failure.
core::Status exportDicom(const CineRun& run, const procedure::CaseInfo& info,
                         const DicomSeries& series, const std::filesystem::path& file);

}  // namespace fg::record
