#pragma once
// Hounsfield units to linear attenuation at the effective energy of a fluoroscopy beam.
//
// A CT scanner measures attenuation at its own (higher) effective energy; at the lower energy of a
// fluoroscopy beam bone attenuates relatively more than water. So the mapping is piecewise linear
// between tissue classes, each taken at the beam's energy (sim/Materials.hpp):
//   -1000 HU  air (no attenuation)
//    -100 HU  fat
//       0 HU  water / soft tissue
//   +1900 HU  cortical bone; between 0 and +1900 a mix of water and cortical bone by fraction,
//             continued linearly above (dense metal).
// The mapping is monotone in HU at every tube voltage, since fat < water < cortical bone at every
// energy. Source: the bilinear CT-to-attenuation models used for CT-based attenuation correction
// (e.g. Burger et al. 2002, Eur J Nucl Med), with NIST XCOM values for the tissues.

namespace fg::sim {

inline constexpr double kHuFat = -100;
inline constexpr double kHuCorticalBone = 1900;

// Per millimetre, at the effective energy of a beam of `tubeKv`.
double attenuationPerMmFromHu(double hu, double tubeKv);

}  // namespace fg::sim
