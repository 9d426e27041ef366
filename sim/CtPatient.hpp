#pragma once
// A simulated patient made from a real CT (sim/CtVolume.hpp): the anatomy is the CT projected
// through the C-arm (sim/RayCaster.hpp), the vertebrae and needle targets come from its label map.
//
// Preparation, once per patient:
//   - the body is the largest connected region of each slice (the CT couch and the air around
//     go);
//   - enhanced blood goes back to soft tissue: the scan was taken with intravenous contrast, the
//     patient on the fluoroscopy table has none. A connected region above 130 HU outside the
//     vertebrae with less than a tenth of its voxels above 500 HU is enhanced soft tissue
//     (aorta, cava, kidneys); bone regions (pelvis, ribs) have a cortex above 500 HU;
//   - bowel gas (below -300 HU inside the body, below the twelfth thoracic vertebra) is projected on
//     its own, as the deficit against water, so that it can move between frames (peristalsis);
//   - vertebra centres are the centroids of the vertebral bodies (the part of each label in front
//     of its canal, within 18 mm of the midline); the canal is the hole each label encloses; an
//     interspace's posterior epidural target is on the canal's midline at the disc's height, one
//     voxel in front of the first bone (the lamina) walking back from the canal's centre; its
//     foramina lie beside the canal at the back of the bodies.

#include <memory>

#include "core/Status.hpp"
#include "sim/Anatomy.hpp"
#include "sim/CtVolume.hpp"
#include "sim/RayCaster.hpp"

namespace fg::sim {

class CtPatient final : public Anatomy {
 public:
  static constexpr int kGasPhases = 8;        // positions of the bowel gas
  static constexpr double kGasPhaseS = 0.6;   // each held this long (peristalsis is slow)
  static constexpr double kGasShiftMm = 3.0;  // at most, at the isocentre

  static core::Result<std::unique_ptr<CtPatient>> create(std::shared_ptr<const CtVolume> ct, double tubeKv);
  std::string_view kind() const override { return "ct"; }
  bool scannedBox(core::Vec3& lo, core::Vec3& hi) const override;
  int phaseAt(double timeS) const override;
  void project(const Projector& projector, const core::RigidTransform& motion, int phase, bool quick,
               std::span<float> muL) override;
  // The prepared attenuation (channel 0: tissue with gas filled as water; channel 1: the gas's
  // deficit against water), per mm.
  const AttenuationVolume& attenuation() const { return volume_; }
  size_t gasVoxels() const { return gasVoxels_; }
  size_t suppressedBloodVoxels() const { return bloodVoxels_; }

 private:
  CtPatient() = default;
  core::Status prepare(const CtVolume& ct, double tubeKv);
  core::Status findLandmarks(const CtVolume& ct);

  AttenuationVolume volume_;
  size_t gasVoxels_ = 0, bloodVoxels_ = 0;
  // The last cast (per pose, motion and quality): reused for every frame and gas phase.
  const Projector* castFor_ = nullptr;
  core::RigidTransform castMotion_;
  bool castQuick_ = false;
  CoarseProjection cast_;
};

// The CT's label values (TotalSegmentator's vertebra classes) and their names.
std::string ctVertebraName(int label);  // "" for a label that is no vertebra

}  // namespace fg::sim
