#include "sim/ImagingChain.hpp"

namespace fg::sim {

DetectorKind parseDetectorKind(std::string_view name) {
  if (name == "generic") return DetectorKind::Generic;
  if (name == "flat-panel") return DetectorKind::FlatPanel;
  if (name == "image-intensifier") return DetectorKind::ImageIntensifier;
  return DetectorKind::Invalid;
}

PixelEncoding parsePixelEncoding(std::string_view name) {
  if (name == "log") return PixelEncoding::Log;
  if (name == "linear") return PixelEncoding::Linear;
  if (name == "video") return PixelEncoding::Video;
  return PixelEncoding::Invalid;
}

VideoRange parseVideoRange(std::string_view name) {
  if (name == "full") return VideoRange::Full;
  if (name == "limited") return VideoRange::Limited;
  return VideoRange::Invalid;
}

FieldShape parseFieldShape(std::string_view name) {
  if (name == "none") return FieldShape::None;
  if (name == "circle") return FieldShape::Circle;
  if (name == "rectangle") return FieldShape::Rectangle;
  return FieldShape::Invalid;
}

Edge parseEdge(std::string_view name) {
  if (name == "none") return Edge::None;
  if (name == "left") return Edge::Left;
  if (name == "right") return Edge::Right;
  if (name == "top") return Edge::Top;
  if (name == "bottom") return Edge::Bottom;
  return Edge::Invalid;
}

std::string_view toString(DetectorKind kind) {
  switch (kind) {
    case DetectorKind::Generic: return "generic";
    case DetectorKind::FlatPanel: return "flat-panel";
    case DetectorKind::ImageIntensifier: return "image-intensifier";
    case DetectorKind::Invalid: break;
  }
  return "invalid";
}

std::string_view toString(PixelEncoding encoding) {
  switch (encoding) {
    case PixelEncoding::Log: return "log";
    case PixelEncoding::Linear: return "linear";
    case PixelEncoding::Video: return "video";
    case PixelEncoding::Invalid: break;
  }
  return "invalid";
}

ImagingChain defaultChain(DetectorKind kind) {
  ImagingChain c;
  c.noiseBeforeBlur = kind != DetectorKind::Generic;
  c.detector = kind;
  switch (kind) {
    case DetectorKind::FlatPanel:
      c.columns = c.rows = 1536;
      c.pixelMm = 0.184;
      c.bitsStored = 16;
      c.blurSigmaPx = 0.6;
      c.electronicNoise = 2;
      break;
    case DetectorKind::ImageIntensifier:
      c.columns = c.rows = 1024;
      c.fieldDiameterMm = 230;  // a 23 cm (9 inch) intensifier
      c.pixelMm = c.fieldDiameterMm / (0.96 * 1024);  // the round field fills 96 % of the frame
      c.bitsStored = 12;
      c.blurSigmaPx = 1.0;
      c.electronicNoise = 0;  // the camera's noise is small beside the quanta's after the tube's gain
      c.vignetting = 0.25;
      c.veilingGlare = 0.06;
      break;
    case DetectorKind::Generic:
      c.noiseBeforeBlur = false;
      break;
    case DetectorKind::Invalid: break;
  }
  return c;
}

}  // namespace fg::sim
