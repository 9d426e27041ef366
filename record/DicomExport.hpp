#pragma once
// A recorded run as one multi-frame DICOM file, and key images as single-frame ones. Frames grabbed
// from a video output or made by the simulator are display images, not original X-ray acquisitions,
// so the SOP class says so: Multi-frame Grayscale Word (16-bit) or Byte (8-bit) Secondary Capture
// Image Storage. The cine timing goes with it (Frame Time Vector from the capture times, Cine Rate,
// Recommended Display Frame Rate), the patient, study and series from the case, and the pixel
// spacing when known (Pixel Spacing, which the secondary capture IOD does not list but readers use:
// dciodvfy warns, never errs; Nominal Scanned Pixel Spacing is for scanned film only). Written
// through DCMTK, explicit VR little endian.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/Status.hpp"
#include "procedure/CaseFiles.hpp"
#include "record/CineRun.hpp"

namespace fg::record {

// The study is the case's (CaseInfo::studyInstanceUid; a new one when the case has none).
struct DicomSeries {
  std::string seriesDescription = "FluoroGuide cine run";
  int seriesNumber = 1;
  std::string seriesInstanceUid;  // empty: a new series
  int instanceNumber = 1;
  // How the frames came to be (0008,0064): "SYN" simulated, "DV" grabbed from a video output,
  // "DI" from a digital interface, "WSD" made on a workstation.
  std::string conversionType = "WSD";
};

// A key image: the view as the radiologist saw it (overlays drawn in), 8-bit RGB, top row first.
struct KeyImage {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // width * height * 3 bytes
  std::string comment;       // Image Comments: the step it documents; never patient data
};

// Every frame of `run` (one format throughout) into `file`. Errors: an empty run, frames of
// different formats, a write failure.
core::Status exportDicom(const CineRun& run, const procedure::CaseInfo& info,
                         const DicomSeries& series, const std::filesystem::path& file);

// A key image as single-frame secondary capture (RGB, Conversion Type "WSD": made on this
// workstation), in the case's study.
core::Status exportKeyImage(const KeyImage& image, const procedure::CaseInfo& info,
                            const DicomSeries& series, const std::filesystem::path& file);

}  // namespace fg::record
