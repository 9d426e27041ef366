#pragma once
// The static anatomy of a simulated patient, whatever it is made of (the ellipsoid phantom, a real
// CT, a real radiograph): what the beam passes through before any needle or contrast, and the
// truth about it (vertebrae, and the interspaces a needle aims at). Patient LPS millimetres.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/Geometry.hpp"
#include "sim/Projector.hpp"

namespace fg::sim {

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
  core::Vec3 isocentreMm;          // where the C-arm centres for this level (on the spine's axis)
};

class Anatomy {
 public:
  virtual ~Anatomy() = default;
  virtual std::string_view kind() const = 0;  // "phantom", "ct", "radiograph"
  const std::vector<VertebraTruth>& vertebrae() const { return vertebrae_; }
  const std::vector<Interspace>& interspaces() const { return interspaces_; }
  const Interspace* interspace(const std::string& label) const {
    for (const auto& i : interspaces_) {
      if (i.label == label) return &i;
    }
    return nullptr;
  }
  // The static image may change with time (bowel gas moving): the phase shown at `timeS`.
  virtual int phaseAt(double timeS) const {
    (void)timeS;
    return 0;
  }
  // Writes mu*L of the static anatomy, moved by `motion`, over the whole detector of `projector`.
  // `quick`: a coarser projection, while the patient is moving.
  virtual void project(const Projector& projector, const core::RigidTransform& motion, int phase,
                       bool quick, std::span<float> muL) = 0;
  // The scanned box (patient mm, min and max corners) where the anatomy ends: a CT covers only
  // part of the body. Nothing for an anatomy without ends in the field (the phantom).
  virtual bool scannedBox(core::Vec3& lo, core::Vec3& hi) const {
    (void)lo;
    (void)hi;
    return false;
  }

 protected:
  std::vector<VertebraTruth> vertebrae_;  // head to feet
  std::vector<Interspace> interspaces_;   // head to feet
};

}  // namespace fg::sim
