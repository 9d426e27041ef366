#include "core/CarmGeometry.hpp"

#include <cmath>

namespace fg::core {

StandardView parseStandardView(std::string_view name) {
  if (name == "ap") return StandardView::AP;
  if (name == "lateral") return StandardView::Lateral;
  if (name == "oblique-left") return StandardView::ObliqueLeft;
  if (name == "oblique-right") return StandardView::ObliqueRight;
  if (name == "clo") return StandardView::ContralateralOblique;
  return StandardView::Invalid;
}

CarmPose standardPose(StandardView view, const CarmPose& base) {
  CarmPose pose = base;
  pose.secondaryDeg = 0;
  switch (view) {
    case StandardView::AP: pose.primaryDeg = 0; break;
    case StandardView::Lateral: pose.primaryDeg = 90; break;
    case StandardView::ObliqueLeft: pose.primaryDeg = 25; break;    // facet / transforaminal view
    case StandardView::ObliqueRight: pose.primaryDeg = -25; break;
    case StandardView::ContralateralOblique: pose.primaryDeg = 50; break;  // interlaminar depth view
    case StandardView::Invalid: break;
  }
  return pose;
}

CarmGeometry::CarmGeometry(const CarmPose& pose) : pose_(pose) {
  // AP: beam anterior -> posterior (+y), image x toward the patient's left (+x), image y toward
  // the feet (-z).
  const Vec3 apW{0, 1, 0}, apU{1, 0, 0};
  // Primary: about the head axis. At +90 the beam runs from the patient's right to left (x+).
  const Mat3 primary = Mat3::rotation({0, 0, 1}, degToRad(-pose.primaryDeg));
  // Secondary: tilt about the image x axis; positive aims the beam toward the head.
  const Vec3 u1 = primary * apU;
  const Mat3 secondary = Mat3::rotation(u1, degToRad(pose.secondaryDeg));
  w_ = (secondary * (primary * apW)).normalized();
  u_ = u1.normalized();
  v_ = w_.cross(u_).normalized();  // u x v = w: right-handed; in AP v = (0,0,-1), the feet
  source_ = w_ * -pose.sourceToObjectMm;
  focalPx_ = pose.sourceToImageMm / pose.detectorPixelMm;
  cx_ = (pose.detectorColumns - 1) / 2.0;
  cy_ = (pose.detectorRows - 1) / 2.0;
}

CarmGeometry::Projection CarmGeometry::project(const Vec3& p) const {
  const Vec3 d = p - source_;
  const double depth = d.dot(w_);
  if (depth <= 1e-9) return {0, 0, depth};
  return {focalPx_ * d.dot(u_) / depth + cx_, focalPx_ * d.dot(v_) / depth + cy_, depth};
}

ProjectionMatrix CarmGeometry::matrix() const {
  // [x y 1]^T ~ K [R | -R s] [X 1]^T with rows of R = u, v, w.
  const Vec3 rows[3] = {u_ * focalPx_ + w_ * cx_, v_ * focalPx_ + w_ * cy_, w_};
  ProjectionMatrix m{};
  for (int r = 0; r < 3; ++r) {
    m[r * 4 + 0] = rows[r].x;
    m[r * 4 + 1] = rows[r].y;
    m[r * 4 + 2] = rows[r].z;
    m[r * 4 + 3] = -rows[r].dot(source_);
  }
  return m;
}

Vec3 CarmGeometry::rayThroughPixel(double xPx, double yPx) const {
  return (w_ * focalPx_ + u_ * (xPx - cx_) + v_ * (yPx - cy_)).normalized();
}

PatientOrientation CarmGeometry::orientation() const {
  auto letter = [](const Vec3& d) -> std::string_view {
    const double ax = std::abs(d.x), ay = std::abs(d.y), az = std::abs(d.z);
    if (ax >= ay && ax >= az) return d.x > 0 ? "L" : "R";
    if (ay >= az) return d.y > 0 ? "P" : "A";
    return d.z > 0 ? "H" : "F";
  };
  return {PatientDirection(letter(u_)), PatientDirection(letter(v_))};
}

}  // namespace fg::core
