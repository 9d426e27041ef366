#include "record/RunExport.hpp"

#include "record/Mp4Export.hpp"
#include "record/SlicerSequenceExport.hpp"

namespace fg::record {

std::string conversionTypeFor(bool simulated, core::PixelFormat pixels) {
  if (simulated) return "SYN";
  return pixels == core::PixelFormat::Gray8 ? "DV" : "DI";
}

std::string RunExports::summary() const {
  auto one = [](const core::Status& status, const char* file) {
    return status.isOk() ? std::string(file) : status.message();
  };
  std::string text = one(dicom, kDicomFileName);
  text.append(", ").append(one(mp4, kMp4FileName));
  text.append(", ").append(one(sequence, kSequenceFileName));
  return text;
}

RunExports exportRun(const CineRun& run, const procedure::CaseInfo& info, const DicomSeries& series,
                     const std::filesystem::path& outDir, const core::ViewOrientation& turn) {
  RunExports exports;
  exports.dicom = exportDicom(run, info, series, outDir / kDicomFileName);
  exports.mp4 = exportMp4(run, outDir / kMp4FileName, turn);
  exports.sequence = exportSlicerSequence(run, outDir / kSequenceFileName);
  return exports;
}

}  // namespace fg::record
