#pragma once
// Where injected contrast is at a given time, as ellipsoids of diluted contrast (patient LPS mm,
// seconds). Each pattern follows what CLINICAL.md describes:
//   epidural       one-sided column in the posterior epidural space plus the nerve-root sleeve at
//                  the level, growing with the volume and persisting;
//   intravascular  a vessel fills along its course while contrast goes in, then washes out within
//                  about a second of the injection stopping;
//   intrathecal    a midline, symmetric, myelogram-like column in the thecal sac, layering
//                  ventrally (prone patient), with symmetric root sleeves;
//   subdural       a thin, wide sheet spreading far along the canal for a small volume.

#include <string_view>
#include <vector>

#include "sim/Ellipsoid.hpp"

namespace fg::sim {

enum class ContrastPattern : uint8_t { Invalid = 0, Epidural, Intravascular, Intrathecal, Subdural };
ContrastPattern parseContrastPattern(std::string_view name);
std::string_view toString(ContrastPattern pattern);

struct InjectionPlan {
  ContrastPattern pattern = ContrastPattern::Invalid;
  double startS = 0;
  double rateMlPerS = 0.5;
  double volumeMl = 3;
  core::Vec3 siteMm;          // where the contrast leaves the needle (the tip at injection time)
  double side = 1;            // +1: spreads toward the patient's left, -1: right
};

// Volume that has left the needle by `timeS`.
double injectedMl(const InjectionPlan& plan, double timeS);
std::vector<Ellipsoid> contrastAt(const InjectionPlan& plan, double timeS);

}  // namespace fg::sim
