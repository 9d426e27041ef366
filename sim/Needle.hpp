#pragma once
// A 22-gauge spinal needle (0.72 mm outside, 0.41 mm inside, 90 mm long, steel) advanced from the
// skin toward a target along a gently bent path. Patient LPS millimetres, seconds.

#include <span>
#include <vector>

#include "core/Geometry.hpp"
#include "sim/Projector.hpp"

namespace fg::sim {

struct NeedlePlan {
  core::Vec3 entryMm;      // skin entry point
  core::Vec3 targetMm;     // where the tip ends
  double bendMm = 1.0;     // sideways deflection at mid-path (needles bend as they pass tissue)
  double startS = 0;       // advance begins
  double endS = 10;        // the tip reaches the target
  double initialFraction = 0.15;  // how far in the needle already is before the advance
  double outerRadiusMm = 0.36;
  double innerRadiusMm = 0.205;
  double lengthMm = 90;
  bool present = true;     // false: no needle in this run
};

struct NeedleState {
  bool present = false;
  core::Vec3 tipMm;
  core::Vec3 directionMm;          // unit, pointing toward the tip
  std::vector<core::Vec3> shaftMm; // polyline from the hub to the tip
};

NeedleState needleAt(const NeedlePlan& plan, double timeS);

// Adds the steel's mu*L to `muL`, and returns the image region it touched.
PixelBox projectNeedle(const NeedleState& needle, const NeedlePlan& plan, const Projector& projector,
                       const core::RigidTransform& motion, std::span<float> muL);

}  // namespace fg::sim
