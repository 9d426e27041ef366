#pragma once
// Linear attenuation of the materials the simulated patient is made of, at the effective energy
// of a beam of a given tube voltage (about half the kVp for a filtered fluoroscopy beam). Values are
// interpolated from NIST XCOM mass attenuation tables, times each material's density.

#include <cstdint>

namespace fg::sim {

enum class Material : uint8_t {
  Invalid = 0, SoftTissue, Bone, Disc, Contrast, Steel,
  Fat, CorticalBone  // for Hounsfield units (sim/Hounsfield.hpp)
};

// Per millimetre. Contrast is iodinated contrast at 300 mg iodine per ml.
double attenuationPerMm(Material material, double tubeKv);

}  // namespace fg::sim
