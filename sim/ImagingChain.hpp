#pragma once
// How a C-arm turns X-rays into pixels: the detector, its noise, the collimation, the pixel
// encoding and (sim/VideoOutput.hpp) the monitor signal a frame grabber sees. Scenario field
// "chain" (assets/scenarios/README.md); each value follows a real system:
//   detector "flat-panel"        caesium iodide flat panel, 1536 x 1536 pixels of 0.15-0.2 mm,
//                                16 bits, sharp (Siemens Artis, Philips Allura FD, GE Innova
//                                panels: 150-200 um pixels);
//   detector "image-intensifier" 1024 x 1024 camera on an intensifier's round output: circular
//                                field, vignetting (the edge darker), veiling glare (light scattered
//                                across the output window), optional pincushion distortion (the
//                                curved input screen) (Bushberg et al., The Essential Physics of
//                                Medical Imaging, ch. 9);
//   detector "generic"           the first wave's detector: 1024 x 1024 at 0.3 mm, 12 bits;
//   encoding "log" | "linear" | "video": the stored value follows log(quanta) (DICOM XA after the
//                                detector's log look-up), quanta (raw flat-panel data), or the
//                                monitor's windowed 8-bit picture with a display gamma, full range
//                                (0-255) or limited (16-235, ITU-R BT.601 / BT.709 video levels);
//   noise                        Poisson quanta at the dose per pulse, drawn as Gaussian with
//                                variance = mean (close from about 20 quanta per pixel, the least
//                                a scenario may ask for), before the blur, so it is correlated as on
//                                a real detector; electronic noise after it;
//   collimation                  circle, rectangle, shutters from the sides, a wedge filter;
//                                outside the field the image is black;
//   droppedFramesPercent         the frame grabber misses an occasional frame.

#include <cstdint>
#include <string_view>

namespace fg::sim {

enum class DetectorKind : uint8_t { Invalid = 0, Generic, FlatPanel, ImageIntensifier };
enum class PixelEncoding : uint8_t { Invalid = 0, Log, Linear, Video };
enum class VideoRange : uint8_t { Invalid = 0, Full, Limited };
enum class FieldShape : uint8_t { Invalid = 0, None, Circle, Rectangle };
enum class Edge : uint8_t { Invalid = 0, None, Left, Right, Top, Bottom };

DetectorKind parseDetectorKind(std::string_view name);
PixelEncoding parsePixelEncoding(std::string_view name);
VideoRange parseVideoRange(std::string_view name);
FieldShape parseFieldShape(std::string_view name);
Edge parseEdge(std::string_view name);
std::string_view toString(DetectorKind kind);
std::string_view toString(PixelEncoding encoding);

// Sizes at the detector plane, mm from the image centre or edge.
struct Collimation {
  FieldShape shape = FieldShape::None;
  double diameterMm = 0;               // circle
  double widthMm = 0, heightMm = 0;    // rectangle
  double shutterLeftMm = 0, shutterRightMm = 0;  // blades moved in from the image's sides
  Edge wedge = Edge::None;             // a wedge filter thickest at this edge
  double wedgeWidthMm = 0;             // how far it reaches into the image
  double wedgeAttenuation = 0;         // mu*L at its thick edge
};

struct ImagingChain {
  DetectorKind detector = DetectorKind::Generic;
  int columns = 1024, rows = 1024;
  double pixelMm = 0.3;            // at the detector (Imager Pixel Spacing)
  int bitsStored = 12;             // detector encodings; video is 8
  double blurSigmaPx = 0.7;        // scintillator and optics
  // Quantum noise enters before the blur (as it does on a real detector: correlated noise). The
  // generic detector of the first wave added white noise after it; it keeps that, so that its
  // figures stay comparable.
  bool noiseBeforeBlur = false;
  double electronicNoise = 0;      // standard deviation in quanta, added after the blur
  double fieldDiameterMm = 0;      // image intensifier: its round input field (0: none)
  double vignetting = 0;           // fraction of brightness lost at the field's edge
  double veilingGlare = 0;         // fraction of the light spread far across the image
  double pincushion = 0;           // radial distortion at the field's edge (fraction of radius)
  PixelEncoding encoding = PixelEncoding::Log;
  double gamma = 2.2;              // video encoding: display gamma
  VideoRange range = VideoRange::Full;
  Collimation collimation;
  double droppedFramesPercent = 0;
};

// The chain of a detector kind with its usual values.
ImagingChain defaultChain(DetectorKind kind);

}  // namespace fg::sim
