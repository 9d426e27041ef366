#include "record/DicomExport.hpp"

#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dctk.h>

#include <cmath>
#include <cstdio>
#include <vector>

namespace fg::record {
namespace {

std::string newUid(const char* root) {
  char uid[100];
  return dcmGenerateUniqueIdentifier(uid, root);
}

// DICOM dates and times from "2026-11-30 14:32:05" (or now when empty).
void dateAndTime(const std::string& wall, std::string* date, std::string* time) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (std::sscanf(wall.c_str(), "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &s) == 6) {
    char dt[16], tm[16];
    std::snprintf(dt, sizeof dt, "%04d%02d%02d", y, mo, d);
    std::snprintf(tm, sizeof tm, "%02d%02d%02d", h, mi, s);
    *date = dt;
    *time = tm;
    return;
  }
  *date = procedure::localTime("%Y%m%d");
  *time = procedure::localTime("%H%M%S");
}

std::string ds(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

core::Status check(const OFCondition& c, const char* what) {
  if (c.good()) return core::Status::ok();
  return core::Status::error(core::StatusCode::Io,
                             std::string("DICOM export: ") + what + ": " + c.text());
}

// SOP common, patient, study (the case's), series and equipment: what every export carries.
void addCaseModules(DcmDataset& dataset, const char* sopClass, const procedure::CaseInfo& info,
                    const DicomSeries& series) {
  DcmDataset* d = &dataset;
  std::string date, time;
  dateAndTime(info.createdAt, &date, &time);
  const std::string study =
      info.studyInstanceUid.empty() ? newUid(SITE_STUDY_UID_ROOT) : info.studyInstanceUid;
  d->putAndInsertString(DCM_SpecificCharacterSet, "ISO_IR 192");
  d->putAndInsertString(DCM_SOPClassUID, sopClass);
  d->putAndInsertString(DCM_SOPInstanceUID, newUid(SITE_INSTANCE_UID_ROOT).c_str());
  d->putAndInsertString(DCM_StudyDate, date.c_str());
  d->putAndInsertString(DCM_StudyTime, time.c_str());
  d->putAndInsertString(DCM_ContentDate, date.c_str());
  d->putAndInsertString(DCM_ContentTime, time.c_str());
  d->putAndInsertString(DCM_AccessionNumber, info.accession.c_str());
  d->putAndInsertString(DCM_Modality, "OT");
  d->putAndInsertString(DCM_ConversionType, series.conversionType.c_str());
  d->putAndInsertString(DCM_BodyPartExamined, "LSPINE");  // unpaired: no laterality
  d->putAndInsertString(DCM_Manufacturer, "FluoroGuide");
  d->putAndInsertString(DCM_ReferringPhysicianName, "");
  d->putAndInsertString(DCM_PatientName, info.patientName.c_str());
  d->putAndInsertString(DCM_PatientID, info.patientId.c_str());
  std::string birth;
  for (char c : info.birthDate)
    if (c != '-') birth += c;
  d->putAndInsertString(DCM_PatientBirthDate, birth.c_str());
  d->putAndInsertString(DCM_PatientSex, "");
  d->putAndInsertString(DCM_StudyInstanceUID, study.c_str());
  d->putAndInsertString(DCM_SeriesInstanceUID, series.seriesInstanceUid.empty()
                                                   ? newUid(SITE_SERIES_UID_ROOT).c_str()
                                                   : series.seriesInstanceUid.c_str());
  d->putAndInsertString(DCM_StudyID, "1");
  d->putAndInsertString(DCM_SeriesNumber, std::to_string(series.seriesNumber).c_str());
  d->putAndInsertString(DCM_InstanceNumber, std::to_string(series.instanceNumber).c_str());
  d->putAndInsertString(DCM_SeriesDescription, series.seriesDescription.c_str());
  d->putAndInsertString(DCM_OperatorsName, info.operatorName.c_str());
  d->putAndInsertString(DCM_InstitutionName, info.site.c_str());
}

}  // namespace

core::Status exportDicom(const CineRun& run, const procedure::CaseInfo& info,
                         const DicomSeries& series, const std::filesystem::path& file) {
  const auto& frames = run.frames();
  if (frames.empty())
    return core::Status::error(core::StatusCode::OutOfRange,
                               "DICOM export: the run holds no frame");
  const core::FrameFormat& f = frames.front().format;
  for (const CineFrame& frame : frames) {
    if (!(frame.format == f)) {
      return core::Status::error(
          core::StatusCode::Unsupported,
          "DICOM export: the run changes format at frame " + std::to_string(frame.id));
    }
  }
  const bool word = f.pixelFormat == core::PixelFormat::Gray16;
  DcmFileFormat fileFormat;
  DcmDataset* d = fileFormat.getDataset();
  addCaseModules(*d,
                 word ? UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage
                      : UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
                 info, series);
  d->putAndInsertString(DCM_PatientOrientation, (std::string(f.orientation.row.letters()) + "\\" +
                                                 std::string(f.orientation.column.letters()))
                                                    .c_str());
  d->putAndInsertString(DCM_BurnedInAnnotation, "YES");  // a video output may carry text
  d->putAndInsertString(DCM_PresentationLUTShape, "IDENTITY");
  // Image pixel.
  d->putAndInsertUint16(DCM_SamplesPerPixel, 1);
  d->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
  d->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(f.height));
  d->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(f.width));
  d->putAndInsertUint16(DCM_BitsAllocated, word ? 16 : 8);
  d->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(f.bitsStored));
  d->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(f.bitsStored - 1));
  d->putAndInsertUint16(DCM_PixelRepresentation, 0);
  if (word) {
    // Required of the word secondary capture: an identity rescale.
    d->putAndInsertString(DCM_RescaleIntercept, "0");
    d->putAndInsertString(DCM_RescaleSlope, "1");
    d->putAndInsertString(DCM_RescaleType, "US");
  }
  // How the values relate to the X-rays (XA's Pixel Intensity Relationship), so that a run read
  // back is analysed in the domain it was captured in (a standard extension of the secondary
  // capture).
  if (const char* relationship = f.intensity == core::PixelIntensity::Log       ? "LOG"
                                 : f.intensity == core::PixelIntensity::Linear  ? "LIN"
                                 : f.intensity == core::PixelIntensity::Display ? "DISP"
                                                                                : nullptr) {
    d->putAndInsertString(DCM_PixelIntensityRelationship, relationship);
  }
  if (f.hasSpacing())
    d->putAndInsertString(DCM_PixelSpacing, (ds(f.mmPerPixelY) + "\\" + ds(f.mmPerPixelX)).c_str());
  // Multi-frame and cine: the time between frames, as captured.
  d->putAndInsertString(DCM_NumberOfFrames, std::to_string(frames.size()).c_str());
  d->putAndInsertTagKey(DCM_FrameIncrementPointer, DCM_FrameTimeVector);
  std::string vector = "0";
  double totalMs = 0;
  for (size_t i = 1; i < frames.size(); ++i) {
    const double ms = static_cast<double>(frames[i].deviceNs - frames[i - 1].deviceNs) / 1e6;
    vector.append("\\").append(ds(std::max(ms, 0.0)));
    totalMs += std::max(ms, 0.0);
  }
  d->putAndInsertString(DCM_FrameTimeVector, vector.c_str());
  const double fps = frames.size() > 1 && totalMs > 0
                         ? 1000.0 * static_cast<double>(frames.size() - 1) / totalMs
                         : 15.0;
  d->putAndInsertString(DCM_CineRate, std::to_string(static_cast<int>(std::lround(fps))).c_str());
  d->putAndInsertString(DCM_RecommendedDisplayFrameRate,
                        std::to_string(static_cast<int>(std::lround(fps))).c_str());
  // The pixels, every frame as recorded: streamed by DCMTK straight from the run's frames.raw
  // when the frames lie there one after the other (as the recorder writes them), so the export
  // holds no frame in memory however long the run.
  const size_t frameBytes = f.byteCount();
  const uint64_t totalBytes = static_cast<uint64_t>(frameBytes) * frames.size();
  if (totalBytes > 0xFFFFFFF0ull)
    return core::Status::error(core::StatusCode::Unsupported,
                               "DICOM export: the run holds " + std::to_string(totalBytes >> 20) +
                                   " MiB of pixels, more than one DICOM file can (4 GiB)");
  bool contiguous = totalBytes % 2 == 0;
  for (size_t i = 0; i < frames.size() && contiguous; ++i)
    contiguous = frames[i].offset == i * frameBytes;
  if (contiguous) {
    auto* pixelData = new DcmPixelData(DCM_PixelData);
    pixelData->setVR(word ? EVR_OW : EVR_OB);
    const OFCondition streamed = pixelData->createValueFromTempFile(
        new DcmInputFileStreamFactory(run.framesFile().c_str(), 0), static_cast<Uint32>(totalBytes),
        EBO_LittleEndian);
    if (streamed.bad() || d->insert(pixelData, true).bad()) {
      delete pixelData;
      return check(streamed.bad() ? streamed : EC_IllegalCall, "pixel data");
    }
  } else {
    std::vector<uint8_t> pixels(static_cast<size_t>(totalBytes));
    for (size_t i = 0; i < frames.size(); ++i) {
      if (auto status = run.readPixels(i, pixels.data() + i * frameBytes); !status) return status;
    }
    OFCondition put = word ? d->putAndInsertUint16Array(
                                 DCM_PixelData, reinterpret_cast<const Uint16*>(pixels.data()),
                                 static_cast<unsigned long>(pixels.size() / 2))
                           : d->putAndInsertUint8Array(DCM_PixelData, pixels.data(),
                                                       static_cast<unsigned long>(pixels.size()));
    if (auto status = check(put, "pixel data"); !status) return status;
  }
  return check(fileFormat.saveFile(file.c_str(), EXS_LittleEndianExplicit), file.c_str());
}

core::Status exportKeyImage(const KeyImage& image, const procedure::CaseInfo& info,
                            const DicomSeries& series, const std::filesystem::path& file) {
  const size_t bytes = static_cast<size_t>(image.width) * static_cast<size_t>(image.height) * 3;
  if (image.width <= 0 || image.height <= 0 || image.rgb.size() != bytes)
    return core::Status::error(core::StatusCode::OutOfRange,
                               "DICOM key image: no image, or its size does not match its pixels");
  DcmFileFormat fileFormat;
  DcmDataset* d = fileFormat.getDataset();
  addCaseModules(*d, UID_SecondaryCaptureImageStorage, info, series);
  d->putAndInsertString(DCM_PatientOrientation, "");     // a view: zoomed and panned as shown
  d->putAndInsertString(DCM_BurnedInAnnotation, "YES");  // the overlays are in the pixels
  d->putAndInsertString(DCM_ImageComments, image.comment.c_str());
  d->putAndInsertUint16(DCM_SamplesPerPixel, 3);
  d->putAndInsertString(DCM_PhotometricInterpretation, "RGB");
  d->putAndInsertUint16(DCM_PlanarConfiguration, 0);
  d->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(image.height));
  d->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(image.width));
  d->putAndInsertUint16(DCM_BitsAllocated, 8);
  d->putAndInsertUint16(DCM_BitsStored, 8);
  d->putAndInsertUint16(DCM_HighBit, 7);
  d->putAndInsertUint16(DCM_PixelRepresentation, 0);
  if (auto status = check(d->putAndInsertUint8Array(DCM_PixelData, image.rgb.data(),
                                                    static_cast<unsigned long>(bytes)),
                          "pixel data");
      !status)
    return status;
  return check(fileFormat.saveFile(file.c_str(), EXS_LittleEndianExplicit), file.c_str());
}

}  // namespace fg::record
