#include "sim/Hounsfield.hpp"

#include "sim/Materials.hpp"

namespace fg::sim {

double attenuationPerMmFromHu(double hu, double tubeKv) {
  const double water = attenuationPerMm(Material::SoftTissue, tubeKv);
  if (hu <= -1000) return 0.0;
  if (hu <= kHuFat) {
    const double fat = attenuationPerMm(Material::Fat, tubeKv);
    return fat * (hu + 1000) / (kHuFat + 1000);
  }
  if (hu <= 0) {
    const double fat = attenuationPerMm(Material::Fat, tubeKv);
    return fat + (water - fat) * (hu - kHuFat) / -kHuFat;
  }
  const double bone = attenuationPerMm(Material::CorticalBone, tubeKv);
  return water + (bone - water) * hu / kHuCorticalBone;
}

}  // namespace fg::sim
