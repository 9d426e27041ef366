#include <dcmtk/dcmdata/dctk.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "capture/DicomCineSource.hpp"
#include "capture/OpenSource.hpp"
#include "capture/PlaybackControl.hpp"
#include "record/DicomExport.hpp"

using namespace fg;
using namespace fg::capture;
namespace fs = std::filesystem;

namespace {
constexpr int kWidth = 64, kHeight = 48, kFrames = 5;
const fs::path kPydicomFiles = FG_PYDICOM_TEST_FILES;

core::FrameFormat formatOf(core::PixelFormat pixels, int bitsStored) {
  core::FrameFormat f;
  f.width = kWidth;
  f.height = kHeight;
  f.pixelFormat = pixels;
  f.bitsStored = bitsStored;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  return f;
}
// A smooth image that moves from frame to frame, within the stored
// bits.
std::vector<uint8_t> framePixels(const core::FrameFormat& f, int frame) {
  std::vector<uint8_t> bytes(f.byteCount());
  const int max = f.maxValue();
  for (int y = 0; y < f.height; ++y) {
    for (int x = 0; x < f.width; ++x) {
      const double v = 0.5 + 0.4 * std::sin((x + 3 * frame) * 0.15) * std::cos(y * 0.1);
      const auto value = static_cast<uint16_t>(v * max);
      const size_t i = static_cast<size_t>(y) * f.width + x;
      if (f.pixelFormat == core::PixelFormat::Gray8)
        bytes[i] = static_cast<uint8_t>(value);
      else
        std::memcpy(bytes.data() + 2 * i, &value, 2);
    }
  }
  return bytes;
}
// A recorded run of `f` frames 100 ms apart, exported as DICOM into `file`.
void exportRun(const fs::path& dir, const core::FrameFormat& f, const fs::path& file) {
  {
    auto writer = record::CineWriter::create(dir);
    REQUIRE(writer.isOk());
    for (int i = 0; i < kFrames; ++i) {
      const auto p = framePixels(f, i);
      REQUIRE(writer.value()
                  ->write(static_cast<uint64_t>(i + 1), i * 100'000'000LL, 0, f, p.data())
                  .isOk());
    }
  }
  auto run = record::CineRun::open(dir);
  REQUIRE(run.isOk());
  record::DicomSeries series;
  series.conversionType = "SYN";
  REQUIRE(record::exportDicom(*run.value(), procedure::CaseInfo{}, series, file).isOk());
}
// Mean absolute difference between frame `i` as decoded and as made, in grey levels.
double meanError(FrameSequence& cine, const core::FrameFormat& f, int i) {
  std::vector<uint8_t> got(f.byteCount());
  REQUIRE(cine.readFrame(static_cast<size_t>(i), got).isOk());
  const auto want = framePixels(f, i);
  const bool words = f.pixelFormat == core::PixelFormat::Gray16;
  double sum = 0;
  const size_t n = static_cast<size_t>(f.width) * f.height;
  for (size_t p = 0; p < n; ++p) {
    uint16_t a = 0, b = 0;
    if (words) {
      std::memcpy(&a, got.data() + 2 * p, 2);
      std::memcpy(&b, want.data() + 2 * p, 2);
    } else {
      a = got[p];
      b = want[p];
    }
    sum += std::abs(static_cast<int>(a) - static_cast<int>(b));
  }
  return sum / static_cast<double>(n);
}
int tool(const std::string& command) {
  return std::system((command + " > /dev/null 2>&1").c_str());
}
fs::path freshDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("fg-dicom-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
}  // namespace

TEST_CASE("a DICOM cine replays in every transfer syntax, lossless ones to the bit",
          "[capture][dicom]") {
  const fs::path dir = freshDir("syntaxes");
  const core::FrameFormat f12 = formatOf(core::PixelFormat::Gray16, 12);
  const core::FrameFormat f8 = formatOf(core::PixelFormat::Gray8, 8);
  exportRun(dir / "run12", f12, dir / "explicit.dcm");
  exportRun(dir / "run8", f8, dir / "byte.dcm");
  // Re-encoded by DCMTK's and GDCM's own tools (Debian packages dcmtk and libgdcm-tools).
  struct Case {
    const char* name;
    std::string command;
    const core::FrameFormat* format;
    bool lossy;  // compared with GDCM's decoding of the same file, else with the frames made
    const char* syntax;  // as the description names it
  };
  const std::string e = (dir / "explicit.dcm").string(), b = (dir / "byte.dcm").string();
  const std::vector<Case> cases = {
      {"explicit.dcm", "true", &f12, false, "Little Endian Explicit"},
      {"implicit.dcm", "dcmconv +ti " + e + " " + (dir / "implicit.dcm").string(), &f12, 0,
       "Little Endian Implicit"},
      {"big.dcm", "dcmconv +tb " + e + " " + (dir / "big.dcm").string(), &f12, 0,
       "Big Endian Explicit"},
      {"rle.dcm", "dcmcrle " + e + " " + (dir / "rle.dcm").string(), &f12, false, "RLE"},
      {"lossless.dcm", "dcmcjpeg +e1 " + e + " " + (dir / "lossless.dcm").string(), &f12, 0,
       "JPEG Lossless"},
      {"jpegls.dcm", "dcmcjpls +el " + e + " " + (dir / "jpegls.dcm").string(), &f12, 0,
       "JPEG-LS Lossless"},
      {"j2k.dcm", "gdcmconv --j2k " + e + " " + (dir / "j2k.dcm").string(), &f12, 0, "JPEG 2000"},
      {"extended.dcm", "dcmcjpeg +ee " + e + " " + (dir / "extended.dcm").string(), &f12, true,
       "JPEG Extended"},
      {"baseline.dcm", "dcmcjpeg +eb " + b + " " + (dir / "baseline.dcm").string(), &f8, true,
       "JPEG Baseline"},
      {"byte.dcm", "true", &f8, false, "Little Endian Explicit"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    REQUIRE(tool(c.command) == 0);
    auto cine = openDicomCine(dir / c.name);
    INFO((cine ? std::string() : cine.status().message()));
    REQUIRE(cine.isOk());
    FrameSequence& s = *cine.value();
    CHECK_THAT(s.description(), Catch::Contains(c.syntax));
    CHECK(s.frameCount() == kFrames);
    CHECK(s.format().width == kWidth);
    CHECK(s.format().height == kHeight);
    CHECK(s.format().pixelFormat == c.format->pixelFormat);
    CHECK(s.format().mmPerPixelX == Approx(0.3));
    CHECK(s.frameTimeNs(3) - s.frameTimeNs(2) == 100'000'000);  // Frame Time Vector
    // Lossy: the same pixels as GDCM's own decoding (DCMTK's lossy encoder moves the grey range
    // down to 0, so the frames made are no reference).
    std::unique_ptr<FrameSequence> reference;
    if (c.lossy) {
      const fs::path raw = dir / ("gdcm-" + std::string(c.name));
      REQUIRE(tool("gdcmconv --raw " + (dir / c.name).string() + " " + raw.string()) == 0);
      auto decoded = openDicomCine(raw);
      REQUIRE(decoded.isOk());
      reference = std::move(decoded.value());
    }
    // Out of order, as a scrub reads them.
    for (int i : {4, 0, 2, 1, 3}) {
      if (!c.lossy) {
        CHECK(meanError(s, *c.format, i) == 0.0);
        continue;
      }
      std::vector<uint8_t> got(c.format->byteCount()), want(c.format->byteCount());
      REQUIRE(s.readFrame(static_cast<size_t>(i), got).isOk());
      REQUIRE(reference->readFrame(static_cast<size_t>(i), want).isOk());
      CHECK(got == want);
    }
  }
  // Through openSource, as the window opens it: a replay source; a compressed one decodes its
  // frames in the background until all are ready.
  auto source = openSource(e, {});
  REQUIRE(source.isOk());
  CHECK(source.value()->info().kind == SourceKind::Replay);
  CHECK(source.value()->info().frameCount == kFrames);
  SourceOptions interactive;
  interactive.interactive = true;
  auto compressed = openSource((dir / "jpegls.dcm").string(), interactive);
  REQUIRE(compressed.isOk());
  const auto control = compressed.value()->playback();
  REQUIRE(control != nullptr);
  for (int i = 0; i < 500 && control->state().framesPrepared < kFrames; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(control->state().framesPrepared == kFrames);
  std::vector<uint8_t> shown(f12.byteCount());
  control->seek(3);
  REQUIRE(compressed.value()->read(shown).status == ReadStatus::Frame);
  CHECK(shown == framePixels(f12, 3));
  fs::remove_all(dir);
}

TEST_CASE("other makers' DICOM decodes alike in every lossless syntax", "[capture][dicom]") {
  // pydicom's test files (Debian's python3-pydicom): one MR image in six encodings.
  auto reference = openDicomCine(kPydicomFiles / "MR_small.dcm");
  REQUIRE(reference.isOk());
  std::vector<uint8_t> want(reference.value()->format().byteCount());
  REQUIRE(reference.value()->readFrame(0, want).isOk());
  for (const char* name : {"MR_small_implicit.dcm", "MR_small_bigendian.dcm", "MR_small_RLE.dcm",
                           "MR_small_jpeg_ls_lossless.dcm", "MR_small_jp2klossless.dcm"}) {
    INFO(name);
    auto cine = openDicomCine(kPydicomFiles / name);
    REQUIRE(cine.isOk());
    std::vector<uint8_t> got(cine.value()->format().byteCount());
    REQUIRE(cine.value()->readFrame(0, got).isOk());
    CHECK(got == want);
  }
  // Colour (a grabbed video as secondary capture) becomes grey; two frames of RLE.
  auto colour = openDicomCine(kPydicomFiles / "SC_rgb_rle_2frame.dcm");
  REQUIRE(colour.isOk());
  CHECK(colour.value()->frameCount() == 2);
  CHECK(colour.value()->format().pixelFormat == core::PixelFormat::Gray8);
}

TEST_CASE("malformed DICOM is refused with the file and the fault named, never a crash",
          "[capture][dicom][errors]") {
  const fs::path dir = freshDir("malformed");
  exportRun(dir / "run", formatOf(core::PixelFormat::Gray16, 12), dir / "good.dcm");
  // Cut short: half of a good file.
  {
    std::ifstream in(dir / "good.dcm", std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir / "truncated.dcm", std::ios::binary).write(bytes.data(), bytes.size() / 2);
  }
  // Pixel Data shorter than its frames.
  {
    DcmFileFormat file;
    REQUIRE(file.loadFile((dir / "good.dcm").c_str()).good());
    const std::vector<Uint16> few(kWidth * kHeight);  // one frame of five
    REQUIRE(
        file.getDataset()->putAndInsertUint16Array(DCM_PixelData, few.data(), few.size()).good());
    REQUIRE(file.saveFile((dir / "short-pixels.dcm").c_str(), EXS_LittleEndianExplicit).good());
  }
  // Not DICOM at all.
  std::ofstream(dir / "text.dcm") << "this is not an image\n";
  const std::vector<std::pair<fs::path, const char*>> cases = {
      {dir / "truncated.dcm", "cut short"},
      {dir / "short-pixels.dcm", "need"},
      {dir / "text.dcm", "no DICOM meta header"},
      {dir / "missing.dcm", "no such file"},
      {kPydicomFiles / "MR_truncated.dcm", "cut short"},
      {kPydicomFiles / "no_meta.dcm", "no DICOM meta header"},
      {kPydicomFiles / "meta_missing_tsyntax.dcm", "cannot be read"},
      {kPydicomFiles / "badVR.dcm", "Bits Allocated 32"},
      {kPydicomFiles / "rtplan.dcm", "no Pixel Data"},
  };
  for (const auto& [file, fault] : cases) {
    INFO(file.string());
    auto cine = openDicomCine(file);
    REQUIRE_FALSE(cine.isOk());
    CHECK_THAT(cine.status().message(), Catch::Contains(file.string()));
    CHECK_THAT(cine.status().message(), Catch::Contains(fault));
    // openSource says the same (the window shows it in place of the image).
    CHECK_FALSE(openSource(file.string(), {}).isOk());
  }
  fs::remove_all(dir);
}

TEST_CASE("how the values relate to the X-rays travels with a run and its DICOM export", "[capture][dicom]") {
  const fs::path dir = freshDir("intensity");
  for (core::PixelIntensity intensity :
       {core::PixelIntensity::Linear, core::PixelIntensity::Log, core::PixelIntensity::Display}) {
    core::FrameFormat f = formatOf(core::PixelFormat::Gray16, 12);
    f.intensity = intensity;
    if (intensity == core::PixelIntensity::Display) f.displayGamma = 2.2;
    const std::string name(core::toString(intensity));
    exportRun(dir / name, f, dir / (name + ".dcm"));
    // The recorded run keeps it, and a display's gamma...
    auto run = record::CineRun::open(dir / name);
    REQUIRE(run.isOk());
    CHECK(run.value()->frames().front().format.intensity == intensity);
    CHECK(run.value()->frames().front().format.displayGamma == f.displayGamma);
    // ...and so does the DICOM read back (Pixel Intensity Relationship; DICOM has no attribute for
    // the gamma: unknown there).
    auto cine = openDicomCine(dir / (name + ".dcm"));
    REQUIRE(cine.isOk());
    CHECK(cine.value()->format().intensity == intensity);
    CHECK(cine.value()->format().displayGamma == 0);
  }
  // A vendor's own term (GE's "DRM") says nothing the guidance can use: it measures.
  DcmFileFormat file;
  REQUIRE(file.loadFile((dir / "log.dcm").c_str()).good());
  file.getDataset()->putAndInsertString(DCM_PixelIntensityRelationship, "DRM");
  REQUIRE(file.saveFile((dir / "drm.dcm").c_str(), EXS_LittleEndianExplicit).good());
  auto cine = openDicomCine(dir / "drm.dcm");
  REQUIRE(cine.isOk());
  CHECK(cine.value()->format().intensity == core::PixelIntensity::Unknown);
  fs::remove_all(dir);
}
