#pragma once
// A 3D model of the spine from T11 to the sacrum, made of ellipsoids.
// Frame: patient LPS, millimetres. x = 0 on the midline, y = 0 through the centres of the
// vertebral bodies (posterior elements at +y), z = 0 at the centre of the disc above the last
// lumbar vertebra (L4-L5 with five lumbar vertebrae, L5-L6 with six).

#include <string>
#include <vector>

#include "core/Status.hpp"
#include "sim/Ellipsoid.hpp"

namespace fg::sim {

enum class TwelfthRibs : uint8_t { Invalid = 0, Present, Absent };

struct AnatomyOptions {
  int lumbarVertebrae = 5;      // 5, or 6 (a transitional sixth lumbar vertebra)
  bool sacralisedL5 = false;    // the last lumbar vertebra fused into the sacrum
  TwelfthRibs twelfthRibs = TwelfthRibs::Present;
};

struct VertebraTruth {
  std::string label;    // "T11", "T12", "L1" .. "L5" ("L6"), "S1"
  core::Vec3 centerMm;  // centre of the vertebral body
};

// Points a needle aims at, per interspace ("L4-5", "L5-S1").
struct Interspace {
  std::string label;
  core::Vec3 posteriorEpiduralMm;  // midline, just anterior of the ligamentum flavum
  core::Vec3 leftForamenMm;        // exit of the nerve root, patient's left
  core::Vec3 rightForamenMm;
};

struct SpinePhantom {
  std::vector<Ellipsoid> anatomy;
  std::vector<VertebraTruth> vertebrae;  // top (T11) to bottom (S1)
  std::vector<Interspace> interspaces;   // top to bottom
  const Interspace* interspace(const std::string& label) const;
};

core::Result<SpinePhantom> buildSpinePhantom(const AnatomyOptions& options);

}  // namespace fg::sim
