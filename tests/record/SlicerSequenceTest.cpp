#include <unistd.h>
#include <vtkImageData.h>
#include <vtkMetaImageReader.h>
#include <vtkNew.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "record/SlicerSequenceExport.hpp"

using namespace fg;
using namespace fg::record;
namespace fs = std::filesystem;

namespace {
constexpr int kWidth = 40, kHeight = 24, kFrames = 7;
constexpr int64_t kPeriodNs = 66'666'667;

core::FrameFormat format(core::PixelFormat pixels) {
  core::FrameFormat f;
  f.width = kWidth;
  f.height = kHeight;
  f.pixelFormat = pixels;
  f.bitsStored = pixels == core::PixelFormat::Gray16 ? 12 : 8;
  f.mmPerPixelX = 0.25;
  f.mmPerPixelY = 0.5;
  return f;
}
// Frame i's bytes: distinct in every frame and every position.
std::vector<uint8_t> framePixels(const core::FrameFormat& f, int i) {
  std::vector<uint8_t> bytes(f.byteCount());
  for (size_t b = 0; b < bytes.size(); ++b) bytes[b] = static_cast<uint8_t>(b * 7 + i * 31);
  return bytes;
}
std::unique_ptr<CineRun> writeRun(const fs::path& dir, const core::FrameFormat& f) {
  auto writer = CineWriter::create(dir);
  REQUIRE(writer.isOk());
  for (int i = 0; i < kFrames; ++i) {
    const auto pixels = framePixels(f, i);
    REQUIRE(writer.value()
                ->write(static_cast<uint64_t>(100 + i), 5'000'000'000 + i * kPeriodNs, 0, f,
                        pixels.data())
                .isOk());
  }
  REQUIRE(writer.value()->sync().isOk());
  auto run = CineRun::open(dir);
  REQUIRE(run.isOk());
  return std::move(run.value());
}
std::string headerOf(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string header, line;
  while (std::getline(in, line)) {
    header += line + "\n";
    if (line.rfind("ElementDataFile", 0) == 0) break;
  }
  return header;
}
}  // namespace

TEST_CASE("a recorded run exports to a 3D Slicer sequence that VTK reads back bit-exact",
          "[record][slicer]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-slicer-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  for (const auto pixels : {core::PixelFormat::Gray16, core::PixelFormat::Gray8}) {
    const core::FrameFormat f = format(pixels);
    const std::string name = pixels == core::PixelFormat::Gray16 ? "run16" : "run8";
    const auto run = writeRun(dir / name, f);
    const fs::path file = dir / (name + kSlicerSequenceExtension);
    REQUIRE(exportSlicerSequence(*run, file).isOk());

    // The PLUS sequence fields Slicer's Sequences module reads: one per frame, times in seconds
    // from the first frame, the capture id as the frame number.
    const std::string header = headerOf(file);
    INFO(header);
    CHECK_THAT(header, Catch::Contains("NDims = 3"));
    CHECK_THAT(header, Catch::Contains("DimSize = 40 24 7"));
    CHECK_THAT(header, Catch::Contains("Kinds = domain domain list"));
    CHECK_THAT(header, Catch::Contains("UltrasoundImageOrientation = MF"));
    CHECK_THAT(header, Catch::Contains("Seq_Frame0000_Timestamp = 0.000000"));
    CHECK_THAT(header, Catch::Contains("Seq_Frame0003_Timestamp = 0.200000"));
    CHECK_THAT(header, Catch::Contains("Seq_Frame0006_FrameNumber = 106"));
    CHECK_THAT(header, Catch::Contains("Seq_Frame0006_ImageStatus = OK"));
    CHECK_THAT(header, !Catch::Contains("Seq_Frame0007"));

    // VTK's own reader: size, spacing, type, and every pixel as recorded.
    vtkNew<vtkMetaImageReader> reader;
    reader->SetFileName(file.c_str());
    reader->Update();
    vtkImageData* image = reader->GetOutput();
    int dims[3];
    image->GetDimensions(dims);
    CHECK(dims[0] == kWidth);
    CHECK(dims[1] == kHeight);
    CHECK(dims[2] == kFrames);
    CHECK(image->GetSpacing()[0] == Approx(0.25));
    CHECK(image->GetSpacing()[1] == Approx(0.5));
    CHECK(image->GetScalarSize() == core::bytesPerPixel(pixels));
    const auto* bytes = static_cast<const uint8_t*>(image->GetScalarPointer());
    REQUIRE(bytes != nullptr);
    for (int i = 0; i < kFrames; ++i) {
      const auto expected = framePixels(f, i);
      CHECK(std::memcmp(bytes + i * expected.size(), expected.data(), expected.size()) == 0);
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("a Slicer export that cannot be written names the file and leaves nothing behind",
          "[record][slicer][errors]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-slicer-err-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const auto run = writeRun(dir / "run", format(core::PixelFormat::Gray16));
  const fs::path missing = dir / "no-such-folder" / "run.seq.mha";
  const core::Status status = exportSlicerSequence(*run, missing);
  CHECK_FALSE(status.isOk());
  CHECK_THAT(status.message(), Catch::Contains(missing.string()));
  CHECK_FALSE(fs::exists(missing));
  // A full disk: /dev/full takes nothing.
  if (fs::exists("/dev/full")) {
    const core::Status full = exportSlicerSequence(*run, "/dev/full");
    CHECK_FALSE(full.isOk());
    CHECK_THAT(full.message(), Catch::Contains("/dev/full"));
  }
  fs::remove_all(dir);
}
