#include "record/SlicerSequenceExport.hpp"

#include <vtkmetaio/metaImage.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "core/PosixFile.hpp"

namespace fg::record {
namespace fs = std::filesystem;
namespace {

constexpr double kNsPerS = 1e9;

// Names the file and the system's reason, and removes what was written of it.
core::Status writeFailed(const fs::path& file, const std::string& what) {
  core::Status status = core::ioError(file, "Slicer sequence: cannot write the " + what + " of");
  std::error_code ec;
  fs::remove(file, ec);
  return status;
}

std::string frameField(size_t index, const char* name) {
  char prefix[32];
  std::snprintf(prefix, sizeof prefix, "Seq_Frame%04zu_", index);
  return prefix + std::string(name);
}

// The header: a 3D image whose third axis is the frame list, and the per-frame fields of the
// PLUS sequence format.
void describe(const CineRun& run, vtkmetaio::MetaImage& image) {
  const core::FrameFormat& f = run.frames().front().format;
  const int size[3] = {f.width, f.height, static_cast<int>(run.frames().size())};
  const double spacing[3] = {f.hasSpacing() ? f.mmPerPixelX : 1.0,
                             f.hasSpacing() ? f.mmPerPixelY : 1.0, 1.0};
  const auto type =
      f.pixelFormat == core::PixelFormat::Gray16 ? vtkmetaio::MET_USHORT : vtkmetaio::MET_UCHAR;
  image.InitializeEssential(3, size, spacing, type, 1, nullptr, false);
  image.BinaryData(true);
  image.BinaryDataByteOrderMSB(false);
  image.CompressedData(false);
  image.AnatomicalOrientation("RAI");
  image.ElementDataFileName("LOCAL");
  auto addText = [&image](const std::string& name, const std::string& value) {
    image.AddUserField(name.c_str(), vtkmetaio::MET_STRING, static_cast<int>(value.size()),
                       value.c_str());
  };
  addText("Kinds", "domain domain list");
  // Rows top to bottom, columns left to right, as on the screen ("marked, far": PLUS's naming).
  addText("UltrasoundImageOrientation", "MF");
  addText("UltrasoundImageType", "BRIGHTNESS");
  const int64_t firstNs = run.frames().front().deviceNs;
  for (size_t i = 0; i < run.frames().size(); ++i) {
    const CineFrame& frame = run.frames()[i];
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.6f",
                  static_cast<double>(frame.deviceNs - firstNs) / kNsPerS);
    addText(frameField(i, "FrameNumber"), std::to_string(frame.id));
    addText(frameField(i, "Timestamp"), seconds);
    addText(frameField(i, "ImageStatus"), "OK");
  }
}

}  // namespace

core::Status exportSlicerSequence(const CineRun& run, const fs::path& file) {
  if (run.frames().empty())
    return core::Status::error(core::StatusCode::NotFound,
                               "Slicer sequence: the run holds no frame to export");
  const core::FrameFormat& format = run.frames().front().format;
  for (const CineFrame& frame : run.frames()) {
    if (!(frame.format == format))
      return core::Status::error(core::StatusCode::Unsupported,
                                 "Slicer sequence: frame " + std::to_string(frame.id) +
                                     " changes the run's format; a sequence needs one size");
  }
  vtkmetaio::MetaImage image;
  describe(run, image);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out) return writeFailed(file, "start");
  // The header only; the pixels follow it one frame at a time.
  if (!image.WriteStream(&out, false)) return writeFailed(file, "header");
  std::vector<uint8_t> pixels(format.byteCount());
  for (size_t i = 0; i < run.frames().size(); ++i) {
    if (auto status = run.readPixels(i, pixels.data()); !status) {
      std::error_code ec;
      out.close();
      fs::remove(file, ec);
      return status;
    }
    out.write(reinterpret_cast<const char*>(pixels.data()),
              static_cast<std::streamsize>(pixels.size()));
    if (!out) return writeFailed(file, "pixels");
  }
  out.close();
  if (!out) return writeFailed(file, "end");
  return core::Status::ok();
}

}  // namespace fg::record
