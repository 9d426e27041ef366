#pragma once
// A steel needle advanced from the skin toward a target along a gently bent path: a spinal needle
// of 18 to 25 gauge (hollow; the stylet, when in, fills the lumen) or a K-wire (solid). Patient
// LPS millimetres, seconds. Nominal sizes of ISO 9626 (regular-wall tubing):
//   18G 1.27 / 0.84 mm, 20G 0.91 / 0.60 mm, 22G 0.72 / 0.41 mm, 25G 0.51 / 0.26 mm (outside /
//   inside); spinal needles 90 mm long; a K-wire 1.6 mm across, 150 mm long.

#include <span>
#include <string_view>
#include <vector>

#include "core/Geometry.hpp"
#include "sim/Projector.hpp"

namespace fg::sim {

enum class NeedleKind : uint8_t { Invalid = 0, Spinal, KWire };
NeedleKind parseNeedleKind(std::string_view name);
// True for the gauges a spinal needle comes in here (18, 20, 22, 25).
bool knownGauge(int gauge);

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
// Sets the plan's radii and length for a needle of this kind and gauge.
void sizeNeedle(NeedlePlan& plan, NeedleKind kind, int gauge, bool stylet);

// Adds the steel's mu*L to `muL`, and returns the image region it touched.
PixelBox projectNeedle(const NeedleState& needle, const NeedlePlan& plan, const Projector& projector,
                       const core::RigidTransform& motion, std::span<float> muL);

}  // namespace fg::sim
