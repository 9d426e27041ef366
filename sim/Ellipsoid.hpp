#pragma once
// The phantom's building block: an ellipsoid of one material (patient LPS, mm). A negative
// density carves material out of another (a vertebral body's trabecular core inside its cortex).

#include "core/Geometry.hpp"
#include "sim/Materials.hpp"

namespace fg::sim {

struct Ellipsoid {
  core::Vec3 centerMm;
  core::Vec3 radiiMm;            // along the ellipsoid's own axes
  core::Mat3 axes;               // columns: the ellipsoid's axes in patient coordinates
  Material material = Material::SoftTissue;
  double density = 1.0;          // scales the material's attenuation
};

inline Ellipsoid ellipsoid(core::Vec3 center, core::Vec3 radii, Material m, double density = 1.0,
                           core::Mat3 axes = core::Mat3::identity()) {
  return {center, radii, axes, m, density};
}

}  // namespace fg::sim
