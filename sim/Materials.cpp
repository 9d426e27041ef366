#include "sim/Materials.hpp"

#include <algorithm>
#include <array>

namespace fg::sim {
namespace {

// Effective energies (keV) and attenuation (per cm) at each: water-like soft tissue; vertebral
// bone (cortical/trabecular mix, 1.35 g/cm3); disc; iodine 300 mg/ml in water; steel (7.87 g/cm3).
constexpr std::array<double, 4> kEnergyKeV = {30, 40, 50, 60};
constexpr std::array<double, 4> kSoftTissue = {0.376, 0.268, 0.227, 0.206};
constexpr std::array<double, 4> kBone = {1.80, 0.90, 0.57, 0.43};
constexpr std::array<double, 4> kDisc = {0.40, 0.285, 0.24, 0.215};
constexpr std::array<double, 4> kContrast = {2.9, 6.9, 3.9, 2.5};
constexpr std::array<double, 4> kSteel = {64.5, 28.3, 15.4, 9.4};
// Adipose tissue (0.95 g/cm3) and ICRU cortical bone (1.92 g/cm3), NIST XCOM / ICRU 44.
constexpr std::array<double, 4> kFat = {0.309, 0.233, 0.203, 0.188};
constexpr std::array<double, 4> kCorticalBone = {2.56, 1.28, 0.815, 0.604};

double interpolate(const std::array<double, 4>& perCm, double energyKeV) {
  const double e = std::clamp(energyKeV, kEnergyKeV.front(), kEnergyKeV.back());
  size_t i = 0;
  while (i + 2 < kEnergyKeV.size() && e > kEnergyKeV[i + 1]) ++i;
  const double t = (e - kEnergyKeV[i]) / (kEnergyKeV[i + 1] - kEnergyKeV[i]);
  return perCm[i] + t * (perCm[i + 1] - perCm[i]);
}

}  // namespace

double attenuationPerMm(Material material, double tubeKv) {
  const double energy = 0.5 * tubeKv;
  switch (material) {
    case Material::SoftTissue: return interpolate(kSoftTissue, energy) / 10.0;
    case Material::Bone: return interpolate(kBone, energy) / 10.0;
    case Material::Disc: return interpolate(kDisc, energy) / 10.0;
    case Material::Contrast: return interpolate(kContrast, energy) / 10.0;
    case Material::Steel: return interpolate(kSteel, energy) / 10.0;
    case Material::Fat: return interpolate(kFat, energy) / 10.0;
    case Material::CorticalBone: return interpolate(kCorticalBone, energy) / 10.0;
    case Material::Invalid: break;
  }
  return 0.0;
}

}  // namespace fg::sim
