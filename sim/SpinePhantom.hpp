#pragma once
// A 3D model of the spine from T11 to the sacrum, made of ellipsoids.
// Frame: patient LPS, millimetres. x = 0 on the midline, y = 0 through the centres of the
// vertebral bodies (posterior elements at +y), z = 0 at the centre of the disc above the last
// lumbar vertebra (L4-L5 with five lumbar vertebrae, L5-L6 with six).

#include <string>
#include <vector>

#include "core/Status.hpp"
#include "sim/Anatomy.hpp"
#include "sim/Ellipsoid.hpp"

namespace fg::sim {

enum class TwelfthRibs : uint8_t { Invalid = 0, Present, Absent };

struct AnatomyOptions {
  int lumbarVertebrae = 5;      // 5, or 6 (a transitional sixth lumbar vertebra)
  bool sacralisedL5 = false;    // the last lumbar vertebra fused into the sacrum
  TwelfthRibs twelfthRibs = TwelfthRibs::Present;
};

struct SpinePhantom {
  std::vector<Ellipsoid> anatomy;
  std::vector<VertebraTruth> vertebrae;  // top (T11) to bottom (S1)
  std::vector<Interspace> interspaces;   // top to bottom
  const Interspace* interspace(const std::string& label) const;
};

core::Result<SpinePhantom> buildSpinePhantom(const AnatomyOptions& options);

}  // namespace fg::sim
