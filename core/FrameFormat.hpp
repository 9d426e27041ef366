#pragma once
// Shape and meaning of a frame's pixels.
// Image frame: origin at the centre of the top-left pixel, x to the right, y down, unit pixel.
// Pixel spacing is in millimetres at the detector plane (DICOM Imager Pixel Spacing); 0 = unknown.
// Patient orientation follows DICOM (0020,0020): the patient direction of increasing x (row
// direction) and of increasing y (column direction), letters L/R/A/P/H/F; empty = unknown.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fg::core {

enum class PixelFormat : uint8_t { Invalid = 0, Gray8, Gray16 };

constexpr int bytesPerPixel(PixelFormat format) {
  switch (format) {
    case PixelFormat::Gray8: return 1;
    case PixelFormat::Gray16: return 2;
    case PixelFormat::Invalid: break;
  }
  return 0;
}

std::string_view toString(PixelFormat format);

// How a stored value relates to the X-ray intensity that reached the detector, as DICOM's Pixel
// Intensity Relationship (0028,1040) says it:
//   Log      proportional to log(intensity) ("LOG": after a detector's log look-up; a difference
//            of two frames is a difference of attenuation, whatever the brightness);
//   Linear   proportional to the intensity ("LIN": raw flat-panel data);
//   Display  a monitor's picture: the log image windowed and gamma-encoded (a frame grabber's
//            video, "DISP");
//   Unknown  not said (a DICOM's vendor term such as "DRM", an image file): the guidance measures it.
// Higher values are taken as more intensity (DicomCineSource turns MONOCHROME1 around; the
// Pixel Intensity Relationship Sign is not read).
enum class PixelIntensity : uint8_t { Unknown = 0, Log, Linear, Display };

std::string_view toString(PixelIntensity intensity);
// "log", "linear", "display", "unknown" (as written in recorded runs); Unknown for anything else.
PixelIntensity parsePixelIntensity(std::string_view name);

// Up to three DICOM direction letters ("L", "LP", ...), NUL-terminated, no allocation.
class PatientDirection {
 public:
  constexpr PatientDirection() = default;
  constexpr PatientDirection(std::string_view letters) {  // NOLINT(google-explicit-constructor)
    for (size_t i = 0; i < letters.size() && i < 3; ++i) letters_[i] = letters[i];
  }
  std::string_view letters() const { return std::string_view(letters_.data()); }
  bool known() const { return letters_[0] != '\0'; }
  // The direction pointing the other way ("L" -> "R", "HA" -> "FP").
  PatientDirection opposite() const;
  bool operator==(const PatientDirection&) const = default;

 private:
  std::array<char, 4> letters_{};
};

struct PatientOrientation {
  PatientDirection row;     // patient direction of +x in the image
  PatientDirection column;  // patient direction of +y in the image
  bool operator==(const PatientOrientation&) const = default;
};

struct FrameFormat {
  int width = 0;
  int height = 0;
  PixelFormat pixelFormat = PixelFormat::Invalid;
  int bitsStored = 0;         // significant bits, e.g. 12 in a 16-bit container
  double mmPerPixelX = 0.0;   // 0 when the source does not know its spacing
  double mmPerPixelY = 0.0;
  // Source-to-image over source-to-isocentre distance (about 1.5 on a C-arm): detector mm over
  // mm at the isocentre. 0 when unknown; then distances are given at the detector.
  double magnification = 0.0;
  PatientOrientation orientation;
  PixelIntensity intensity = PixelIntensity::Unknown;
  // Display: the gamma the picture was encoded with, when the source knows it; 0 when not (a
  // grabbed signal, an exported picture), and then the picture is taken as a windowed log image.
  // Kept in recorded runs; a DICOM export has no attribute for it (read back: taken as unknown).
  double displayGamma = 0.0;

  size_t bytesPerRow() const { return static_cast<size_t>(width) * bytesPerPixel(pixelFormat); }
  size_t byteCount() const { return bytesPerRow() * static_cast<size_t>(height); }
  bool valid() const {
    return width > 0 && height > 0 && pixelFormat != PixelFormat::Invalid && bitsStored > 0 &&
           bitsStored <= 8 * bytesPerPixel(pixelFormat);
  }
  bool hasSpacing() const { return mmPerPixelX > 0.0 && mmPerPixelY > 0.0; }
  int maxValue() const { return (1 << bitsStored) - 1; }
  bool operator==(const FrameFormat&) const = default;
};

}  // namespace fg::core
