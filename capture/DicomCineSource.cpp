#include "capture/DicomCineSource.hpp"

#include <dcmtk/dcmdata/dccodec.h>
#include <dcmtk/dcmdata/dcfcache.h>
#include <dcmtk/dcmdata/dcpixel.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <mutex>

#include "capture/DecodedFrameCache.hpp"
#include "capture/Jpeg2000Frame.hpp"
#include "capture/PlaybackSource.hpp"

namespace fg::capture {
namespace fs = std::filesystem;
namespace {

constexpr double kDefaultFramesPerSecond = 15.0;

void registerDecoders() {
  static std::once_flag once;
  std::call_once(once, [] {
    // DCMTK's own warnings about odd files would go to the terminal unformatted; what matters is
    // in the errors returned here.
    OFLog::configure(OFLogger::ERROR_LOG_LEVEL);
    DcmRLEDecoderRegistration::registerCodecs();
    DJDecoderRegistration::registerCodecs();
    DJLSDecoderRegistration::registerCodecs();
  });
}

bool isJpeg2000(E_TransferSyntax xfer) {
  return xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000 ||
         xfer == EXS_JPEG2000MulticomponentLosslessOnly || xfer == EXS_JPEG2000Multicomponent;
}

core::PixelIntensity intensityRelationship(DcmDataset& d);

// How the stored samples are laid out, from the image pixel module.
struct Layout {
  Uint16 rows = 0, columns = 0, bitsAllocated = 0, bitsStored = 0, highBit = 0;
  Uint16 pixelRepresentation = 0, samplesPerPixel = 1, planarConfiguration = 0;
  OFString photometric;
  size_t frames = 1;
  size_t pixels() const { return static_cast<size_t>(rows) * columns; }
};

class DicomCine final : public FrameSequence {
 public:
  DicomCine(fs::path path, std::unique_ptr<DcmFileFormat> file, DcmPixelData* pixels, Layout layout,
            Uint32 frameBytes)
      : path_(std::move(path)),
        file_(std::move(file)),
        pixels_(pixels),
        layout_(std::move(layout)),
        xfer_(file_->getDataset()->getOriginalXfer()),
        raw_(frameBytes) {}

  const core::FrameFormat& format() const override { return format_; }
  size_t frameCount() const override { return layout_.frames; }
  int64_t frameTimeNs(size_t index) const override { return timesNs_[index]; }
  const ReplayTimeline& timeline() const override { return timeline_; }
  const std::string& description() const override { return description_; }
  bool compressed() const { return DcmXfer(xfer_).isEncapsulated(); }

  core::Status readFrame(size_t index, std::span<uint8_t> into) override {
    if (index >= layout_.frames || into.size() < format_.byteCount())
      return core::Status::error(core::StatusCode::OutOfRange,
                                 name() + ": no frame " + std::to_string(index + 1));
    if (auto status = decodeRaw(index); !status) return status;
    toGrey(into);
    return core::Status::ok();
  }

  // Everything but the pixels, from the header.
  void readHeader() {
    DcmDataset& d = *file_->getDataset();
    format_.width = layout_.columns;
    format_.height = layout_.rows;
    format_.pixelFormat =
        layout_.bitsAllocated == 8 ? core::PixelFormat::Gray8 : core::PixelFormat::Gray16;
    format_.bitsStored = layout_.bitsStored;
    format_.intensity = intensityRelationship(d);
    double row = 0, column = 0;
    for (const DcmTagKey& tag :
         {DCM_ImagerPixelSpacing, DCM_PixelSpacing, DCM_NominalScannedPixelSpacing}) {
      if (d.findAndGetFloat64(tag, row, 0).good() && d.findAndGetFloat64(tag, column, 1).good() &&
          row > 0 && column > 0) {
        format_.mmPerPixelY = row;
        format_.mmPerPixelX = column;
        break;
      }
    }
    frameTimes(d);
    timeline_.segments.push_back({path_.filename().string(), 0, layout_.frames});
    OFString modality;
    d.findAndGetOFString(DCM_Modality, modality);
    description_ = "DICOM " + std::string(modality.empty() ? "image" : modality.c_str()) + ": " +
                   path_.filename().string() + " (" + std::to_string(layout_.frames) + " frames, " +
                   DcmXfer(xfer_).getXferName() + ")";
  }

 private:
  std::string name() const { return "DICOM " + path_.string(); }

  // Frame Time Vector (ms from the previous frame), Frame Time (ms), Cine Rate or Recommended
  // Display Frame Rate (frames/s), else 15 frames/s.
  void frameTimes(DcmDataset& d) {
    double periodMs = 1000.0 / kDefaultFramesPerSecond, v = 0;
    Sint32 rate = 0;
    if (d.findAndGetFloat64(DCM_FrameTime, v).good() && v > 0) {
      periodMs = v;
    } else if ((d.findAndGetSint32(DCM_CineRate, rate).good() && rate > 0) ||
               (d.findAndGetSint32(DCM_RecommendedDisplayFrameRate, rate).good() && rate > 0)) {
      periodMs = 1000.0 / rate;
    }
    timesNs_.resize(layout_.frames);
    double atMs = 0;
    for (size_t i = 0; i < layout_.frames; ++i) {
      double stepMs = i == 0 ? 0 : periodMs;
      if (i > 0 &&
          d.findAndGetFloat64(DCM_FrameTimeVector, v, static_cast<unsigned long>(i)).good() &&
          v > 0)
        stepMs = v;
      atMs += stepMs;
      timesNs_[i] = static_cast<int64_t>(atMs * 1e6);
    }
  }

  core::Status failed(size_t index, const std::string& why) const {
    return core::Status::error(core::StatusCode::Corrupt,
                               name() + ": frame " + std::to_string(index + 1) + ": " + why);
  }

  // Frame `index` as stored (native layout, local byte order) into raw_ (kept: the frame checked
  // at opening is shown first without decoding it again).
  core::Status decodeRaw(size_t index) {
    if (index == inRaw_) return core::Status::ok();
    inRaw_ = kNone;
    auto status = isJpeg2000(xfer_) ? decodeJpeg2000Frame(index) : decodeWithDcmtk(index);
    if (status) inRaw_ = index;
    return status;
  }

  core::Status decodeWithDcmtk(size_t index) {
    Uint32 start = index == lastIndex_ + 1 ? nextFragment_ : 0;
    OFString colorModel;
    const OFCondition c = pixels_->getUncompressedFrame(
        file_->getDataset(), static_cast<Uint32>(index), start, raw_.data(),
        static_cast<Uint32>(raw_.size()), colorModel, &cache_);
    releaseFragments();
    if (c.bad()) return failed(index, c.text());
    lastIndex_ = index;
    nextFragment_ = start;
    decodedColorModel_ = colorModel;
    return core::Status::ok();
  }

  core::Status decodeJpeg2000Frame(size_t index) {
    DcmPixelSequence* sequence = nullptr;
    if (pixels_->getEncapsulatedRepresentation(xfer_, nullptr, sequence).bad() || !sequence)
      return failed(index, "no encapsulated JPEG 2000 data");
    Uint32 first = 1, end = static_cast<Uint32>(sequence->card());
    const auto frames = static_cast<Sint32>(layout_.frames);
    if (layout_.frames > 1) {
      if (DcmCodec::determineStartFragment(static_cast<Uint32>(index), frames, sequence, first)
              .bad())
        return failed(index, "its fragments cannot be told apart (no offset table)");
      Uint32 next = end;
      if (index + 1 < layout_.frames &&
          DcmCodec::determineStartFragment(static_cast<Uint32>(index + 1), frames, sequence, next)
              .good())
        end = next;
    }
    compressed_.clear();
    for (Uint32 i = first; i < end; ++i) {
      DcmPixelItem* item = nullptr;
      if (sequence->getItem(item, i).bad() || !item) return failed(index, "a fragment is missing");
      const Uint32 length = item->getLength();
      const size_t at = compressed_.size();
      compressed_.resize(at + length);
      if (length > 0 && item->getPartialValue(compressed_.data() + at, 0, length, &cache_).bad())
        return failed(index, "a fragment cannot be read (file cut short?)");
    }
    Jpeg2000Layout j2k;
    j2k.width = layout_.columns;
    j2k.height = layout_.rows;
    j2k.components = layout_.samplesPerPixel;
    j2k.bytesPerSample = layout_.bitsAllocated / 8;
    if (auto status = decodeJpeg2000(compressed_, j2k, raw_); !status)
      return failed(index, status.message());
    decodedColorModel_ = layout_.samplesPerPixel == 3 ? "RGB" : layout_.photometric;
    return core::Status::ok();
  }

  // The codecs load the compressed fragments they read; they are read again from the file when
  // needed, so memory stays that of one frame however long the cine.
  void releaseFragments() {
    DcmPixelSequence* sequence = nullptr;
    if (!DcmXfer(xfer_).isEncapsulated() ||
        pixels_->getEncapsulatedRepresentation(xfer_, nullptr, sequence).bad() || !sequence)
      return;
    for (unsigned long i = 0; i < sequence->card(); ++i) {
      DcmPixelItem* item = nullptr;
      if (sequence->getItem(item, i).good() && item) item->compact();
    }
  }

  // raw_ (stored samples) to the frame's grey values: colour to grey, the stored bits only,
  // signed to unsigned, MONOCHROME1 inverted.
  void toGrey(std::span<uint8_t> into) const {
    const size_t n = layout_.pixels();
    const bool words = layout_.bitsAllocated == 16;
    auto sample = [&](size_t i) -> uint32_t {
      if (!words) return raw_[i];
      uint16_t w;
      std::memcpy(&w, raw_.data() + 2 * i, 2);
      return w;
    };
    const int shift = std::max(0, layout_.highBit + 1 - layout_.bitsStored);
    const uint32_t mask = (1u << layout_.bitsStored) - 1;
    const uint32_t signBit = layout_.pixelRepresentation == 1 ? 1u << (layout_.bitsStored - 1) : 0;
    const bool colour = layout_.samplesPerPixel == 3;
    const bool ybr = decodedColorModel_.compare(0, 3, "YBR") == 0;
    // Native colour may be stored plane by plane; decoded colour is pixel-interleaved.
    const bool planar =
        colour && layout_.planarConfiguration == 1 && !DcmXfer(xfer_).isEncapsulated();
    const bool invert = layout_.photometric == "MONOCHROME1";
    for (size_t i = 0; i < n; ++i) {
      uint32_t v;
      if (!colour) {
        v = ((sample(i) >> shift) & mask) ^ signBit;
      } else {
        const uint32_t a = sample(planar ? i : 3 * i), b = sample(planar ? n + i : 3 * i + 1),
                       c = sample(planar ? 2 * n + i : 3 * i + 2);
        v = ybr ? a : (299 * a + 587 * b + 114 * c + 500) / 1000;  // Y of YCbCr is the grey
        v &= mask;
      }
      if (invert) v = mask - v;
      if (words) {
        const auto w = static_cast<uint16_t>(v);
        std::memcpy(into.data() + 2 * i, &w, 2);
      } else {
        into[i] = static_cast<uint8_t>(v);
      }
    }
  }

  fs::path path_;
  std::unique_ptr<DcmFileFormat> file_;
  DcmPixelData* pixels_;
  Layout layout_;
  E_TransferSyntax xfer_;
  DcmFileCache cache_;
  std::vector<uint8_t> raw_, compressed_;
  OFString decodedColorModel_;
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t lastIndex_ = kNone, inRaw_ = kNone;
  Uint32 nextFragment_ = 0;
  core::FrameFormat format_;
  std::vector<int64_t> timesNs_;
  ReplayTimeline timeline_;
  std::string description_;
};

core::Status bad(const fs::path& file, core::StatusCode code, const std::string& why) {
  return core::Status::error(code, "DICOM " + file.string() + ": " + why);
}

bool hasPart10Preamble(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.seekg(128);
  return in.read(magic, 4) && std::memcmp(magic, "DICM", 4) == 0;
}

// Pixel Intensity Relationship (0028,1040): LIN, LOG or DISP; a vendor's own term (GE's "DRM") or
// none leaves it to the guidance to measure.
core::PixelIntensity intensityRelationship(DcmDataset& d) {
  OFString relationship;
  if (d.findAndGetOFString(DCM_PixelIntensityRelationship, relationship).bad()) return core::PixelIntensity::Unknown;
  if (relationship == "LIN") return core::PixelIntensity::Linear;
  if (relationship == "LOG") return core::PixelIntensity::Log;
  if (relationship == "DISP") return core::PixelIntensity::Display;
  return core::PixelIntensity::Unknown;
}

// The image pixel module; errors name the attribute.
core::Result<Layout> readLayout(DcmDataset& d, const fs::path& file) {
  Layout l;
  if (d.findAndGetUint16(DCM_Rows, l.rows).bad() ||
      d.findAndGetUint16(DCM_Columns, l.columns).bad() || l.rows == 0 || l.columns == 0)
    return bad(file, core::StatusCode::Corrupt, "Rows or Columns missing or 0");
  d.findAndGetUint16(DCM_BitsAllocated, l.bitsAllocated);
  if (l.bitsAllocated != 8 && l.bitsAllocated != 16)
    return bad(file, core::StatusCode::Unsupported,
               "Bits Allocated " + std::to_string(l.bitsAllocated) + " (8 or 16 are shown)");
  if (d.findAndGetUint16(DCM_BitsStored, l.bitsStored).bad() || l.bitsStored == 0 ||
      l.bitsStored > l.bitsAllocated)
    l.bitsStored = l.bitsAllocated;
  if (d.findAndGetUint16(DCM_HighBit, l.highBit).bad() || l.highBit >= l.bitsAllocated ||
      l.highBit + 1 < l.bitsStored)
    l.highBit = static_cast<Uint16>(l.bitsStored - 1);
  d.findAndGetUint16(DCM_PixelRepresentation, l.pixelRepresentation);
  d.findAndGetUint16(DCM_SamplesPerPixel, l.samplesPerPixel);
  d.findAndGetUint16(DCM_PlanarConfiguration, l.planarConfiguration);
  d.findAndGetOFString(DCM_PhotometricInterpretation, l.photometric);
  if (l.samplesPerPixel != 1 && l.samplesPerPixel != 3)
    return bad(file, core::StatusCode::Unsupported,
               "Samples per Pixel " + std::to_string(l.samplesPerPixel) + " (1 or 3 are shown)");
  Sint32 frames = 1;
  if (d.findAndGetSint32(DCM_NumberOfFrames, frames).good()) {
    if (frames < 1)
      return bad(file, core::StatusCode::Corrupt, "Number of Frames " + std::to_string(frames));
    l.frames = static_cast<size_t>(frames);
  }
  return l;
}

// `check`: decode the first frame now, so a file that cannot be shown is refused at once.
core::Result<std::unique_ptr<DicomCine>> openCine(const fs::path& file, bool check = true) {
  registerDecoders();
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return bad(file, core::StatusCode::NotFound, "no such file");
  if (!hasPart10Preamble(file))
    return bad(file, core::StatusCode::Corrupt,
               "no DICOM meta header (a DICOM file has 'DICM' after a 128-byte preamble); "
               "export it again from the archive as a DICOM Part 10 file");
  auto format = std::make_unique<DcmFileFormat>();
  // Large values (the pixels) stay in the file and are read a frame at a time.
  const OFCondition loaded =
      format->loadFile(OFFilename(file.c_str()), EXS_Unknown, EGL_noChange, 4096, ERM_fileOnly);
  if (loaded.bad())
    return bad(file, core::StatusCode::Corrupt,
               std::string("cannot be read (") + loaded.text() + "); is it cut short?");
  DcmDataset& d = *format->getDataset();
  DcmElement* element = nullptr;
  if (d.findAndGetElement(DCM_PixelData, element).bad() || element == nullptr)
    return bad(file, core::StatusCode::Corrupt, "holds no image (no Pixel Data)");
  auto layout = readLayout(d, file);
  if (!layout) return layout.status();
  auto* pixels = static_cast<DcmPixelData*>(element);
  Uint32 frameBytes = 0;
  if (pixels->getUncompressedFrameSize(&d, frameBytes).bad() || frameBytes == 0)
    return bad(file, core::StatusCode::Corrupt, "its image size cannot be worked out");
  const E_TransferSyntax xfer = d.getOriginalXfer();
  if (!DcmXfer(xfer).isEncapsulated()) {
    const size_t need = static_cast<size_t>(layout.value().pixels()) *
                        layout.value().samplesPerPixel * (layout.value().bitsAllocated / 8) *
                        layout.value().frames;
    if (element->getLength() < need)
      return bad(file, core::StatusCode::Corrupt,
                 "Pixel Data holds " + std::to_string(element->getLength()) + " bytes; " +
                     std::to_string(layout.value().frames) + " frames of " +
                     std::to_string(layout.value().columns) + " x " +
                     std::to_string(layout.value().rows) + " need " + std::to_string(need));
  } else if (!isJpeg2000(xfer) && !DcmCodecList::canChangeCoding(xfer, EXS_LittleEndianExplicit)) {
    return bad(
        file, core::StatusCode::Unsupported,
        std::string("transfer syntax ") + DcmXfer(xfer).getXferName() + " has no decoder here");
  }
  auto cine =
      std::make_unique<DicomCine>(file, std::move(format), pixels, layout.value(), frameBytes);
  cine->readHeader();
  // The first frame decodes, or the file is refused now rather than on screen.
  if (check) {
    std::vector<uint8_t> first(cine->format().byteCount());
    if (auto status = cine->readFrame(0, first); !status) return status;
  }
  return cine;
}

}  // namespace

bool looksLikeDicom(const fs::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".dcm" || ext == ".DCM" || ext == ".dicom") return true;
  std::error_code ec;
  return fs::is_regular_file(file, ec) && hasPart10Preamble(file);
}

core::Result<std::unique_ptr<FrameSequence>> openDicomCine(const fs::path& file) {
  auto cine = openCine(file);
  if (!cine) return cine.status();
  return std::unique_ptr<FrameSequence>(std::move(cine.value()));
}

core::Result<std::unique_ptr<FrameSource>> openDicomReplay(const fs::path& file,
                                                           const SourceOptions& options) {
  auto cine = openCine(file);
  if (!cine) return cine.status();
  if (!cine.value()->compressed()) {
    return makePlaybackSource(std::move(cine.value()), SourceKind::Replay, options);
  }
  // Compressed: a second decoder fills a cache of decoded frames in the background.
  auto second = openCine(file, false);
  if (!second) return second.status();
  return makePlaybackSource(cacheDecodedFrames(std::move(cine.value()), std::move(second.value())),
                            SourceKind::Replay, options);
}

}  // namespace fg::capture
