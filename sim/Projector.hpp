#pragma once
// Line integrals of attenuation through ellipsoids along the rays of a C-arm pose, accumulated
// into a float image (dimensionless mu*L). Each ellipsoid only visits the pixels of its projected
// bounding box, so the cost follows what is drawn, not the image size times the anatomy.

#include <span>
#include <vector>

#include "core/CarmGeometry.hpp"
#include "sim/Ellipsoid.hpp"

namespace fg::sim {

struct PixelBox {
  int x0 = 0, y0 = 0, x1 = -1, y1 = -1;  // inclusive; empty when x1 < x0
  bool empty() const { return x1 < x0 || y1 < y0; }
};

class Projector {
 public:
  Projector(const core::CarmGeometry& geometry, double tubeKv);

  int width() const { return width_; }
  int height() const { return height_; }
  // The image region an ellipsoid (moved by `motion`) can touch, clipped to the detector.
  PixelBox footprint(const Ellipsoid& e, const core::RigidTransform& motion) const;
  // Adds mu*L of each ellipsoid (moved by `motion`) into `muL` (width x height, row-major),
  // restricted to `clip`.
  void accumulate(std::span<const Ellipsoid> ellipsoids, const core::RigidTransform& motion,
                  std::span<float> muL, const PixelBox& clip) const;
  PixelBox fullImage() const { return {0, 0, width_ - 1, height_ - 1}; }
  const core::CarmGeometry& geometry() const { return geometry_; }
  double tubeKv() const { return tubeKv_; }

 private:
  core::CarmGeometry geometry_;
  double tubeKv_;
  int width_, height_;
  std::vector<float> rayLength_;  // |unnormalised ray| per pixel: converts ray parameter to mm
};

}  // namespace fg::sim
