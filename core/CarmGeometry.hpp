#pragma once
// C-arm imaging geometry: where the X-ray source and the detector are relative to the patient, and
// the projection of patient points onto the image.
//
// Frames and units:
//   Patient: DICOM LPS, millimetres. Origin at the chosen isocentre of the phantom; x toward the
//     patient's left, y toward posterior, z toward the head. The patient lies prone for spine
//     procedures: the table is anterior of the patient.
//   C-arm: millimetres, origin at the isocentre. w points from the source to the detector (the
//     beam), u is the image's +x direction and v its +y direction on the detector; (u, v, w) is
//     right-handed.
//   Image: pixels, origin at the centre of the top-left pixel, x right, y down.
//
// Angles: primaryDeg rotates the C-arm about the patient's head-feet axis from the AP position;
// at +90 the source is on the patient's right, the beam runs right -> left and image +x points
// anterior (lateral view). secondaryDeg tilts the beam toward the head (positive) or the feet.
// AP: the source is under the table (anterior) and the detector above the back (posterior); the
// image shows the patient's left on its right, the head at its top.

#include <array>
#include <string_view>

#include "core/FrameFormat.hpp"
#include "core/Geometry.hpp"

namespace fg::core {

enum class StandardView : uint8_t { Invalid = 0, AP, Lateral, ObliqueLeft, ObliqueRight, ContralateralOblique };
// "ap", "lateral", "oblique-left", "oblique-right", "clo"; Invalid for anything else.
StandardView parseStandardView(std::string_view name);

struct CarmPose {
  double primaryDeg = 0;
  double secondaryDeg = 0;
  double sourceToImageMm = 1050;   // SID
  double sourceToObjectMm = 700;   // source to isocentre
  int detectorColumns = 1024;
  int detectorRows = 1024;
  double detectorPixelMm = 0.30;   // at the detector (Imager Pixel Spacing)
};

CarmPose standardPose(StandardView view, const CarmPose& base = {});

// 3x4 projection matrix, patient mm (homogeneous) to image px (homogeneous), row-major.
using ProjectionMatrix = std::array<double, 12>;

class CarmGeometry {
 public:
  explicit CarmGeometry(const CarmPose& pose);

  const CarmPose& pose() const { return pose_; }
  Vec3 sourceMm() const { return source_; }
  Vec3 beamDirection() const { return w_; }   // unit, patient frame
  Vec3 imageXDirection() const { return u_; }  // unit, patient frame
  Vec3 imageYDirection() const { return v_; }  // unit, patient frame
  double magnification() const { return pose_.sourceToImageMm / pose_.sourceToObjectMm; }
  // Pixel spacing of anatomy at the isocentre plane.
  double isocentrePixelMm() const { return pose_.detectorPixelMm / magnification(); }

  struct Projection {
    double xPx = 0, yPx = 0;
    double depthMm = 0;  // along the beam from the source; <= 0: behind the source
  };
  Projection project(const Vec3& patientMm) const;
  ProjectionMatrix matrix() const;
  // Unit ray from the source through the centre of image pixel (x, y), patient frame.
  Vec3 rayThroughPixel(double xPx, double yPx) const;
  // DICOM patient orientation of the image rows and columns (nearest axis letters).
  PatientOrientation orientation() const;

 private:
  CarmPose pose_;
  Vec3 u_, v_, w_, source_;
  double focalPx_, cx_, cy_;
};

}  // namespace fg::core
