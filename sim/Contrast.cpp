#include "sim/Contrast.hpp"

#include <algorithm>
#include <cmath>

namespace fg::sim {
namespace {

using core::Mat3;
using core::Vec3;

// Contrast is diluted by the tissue fluid it spreads into.
constexpr double kEpiduralDensity = 0.3;
constexpr double kVesselDensity = 0.55;
constexpr double kWashoutTauS = 0.3;      // intravascular clearance time constant
constexpr double kVesselSpeedMmPerS = 120;

void rootSleeve(std::vector<Ellipsoid>& out, const Vec3& origin, double side, double lengthMm, double density) {
  if (lengthMm <= 1) return;
  // Exits laterally, slightly down and forward, along the nerve root.
  const Vec3 a = Vec3{side * 0.8, -0.3, -0.5}.normalized();
  const Vec3 b = Vec3{0, 0, 1}.cross(a).normalized(), c = a.cross(b);
  out.push_back(ellipsoid(origin + a * (lengthMm / 2), {lengthMm / 2, 1.8, 1.8}, Material::Contrast, density,
                          Mat3::fromColumns(a, b, c)));
}

}  // namespace

ContrastPattern parseContrastPattern(std::string_view name) {
  if (name == "epidural") return ContrastPattern::Epidural;
  if (name == "intravascular") return ContrastPattern::Intravascular;
  if (name == "intrathecal") return ContrastPattern::Intrathecal;
  if (name == "subdural") return ContrastPattern::Subdural;
  return ContrastPattern::Invalid;
}

std::string_view toString(ContrastPattern pattern) {
  switch (pattern) {
    case ContrastPattern::Epidural: return "epidural";
    case ContrastPattern::Intravascular: return "intravascular";
    case ContrastPattern::Intrathecal: return "intrathecal";
    case ContrastPattern::Subdural: return "subdural";
    case ContrastPattern::Invalid: break;
  }
  return "none";
}

double injectedMl(const InjectionPlan& plan, double timeS) {
  if (plan.pattern == ContrastPattern::Invalid || timeS <= plan.startS) return 0;
  return std::min(plan.volumeMl, (timeS - plan.startS) * plan.rateMlPerS);
}

std::vector<Ellipsoid> contrastAt(const InjectionPlan& plan, double timeS) {
  std::vector<Ellipsoid> out;
  const double ml = injectedMl(plan, timeS);
  if (ml <= 0) return out;
  const Vec3 site = plan.siteMm;
  const double s = plan.side;
  switch (plan.pattern) {
    case ContrastPattern::Epidural: {
      // Cranio-caudal half-extent: about 30 mm (a level each way) for 3 ml, slowing as it fills.
      const double extent = 6 + 14 * std::sqrt(ml);
      out.push_back(ellipsoid(site + Vec3{s * (1.5 + 1.0 * std::sqrt(ml)), -1.5, 0}, {4 + 2 * std::sqrt(ml), 1.6, extent},
                              Material::Contrast, kEpiduralDensity));
      rootSleeve(out, site + Vec3{s * 8, -8, -2}, s, std::min(25.0, 12 * (ml - 0.5)), kEpiduralDensity * 0.8);
      if (ml > 2) rootSleeve(out, site + Vec3{-s * 8, -8, -2}, -s, 6 * (ml - 2), kEpiduralDensity * 0.5);
      break;
    }
    case ContrastPattern::Intravascular: {
      const double injectionEnd = plan.startS + plan.volumeMl / std::max(plan.rateMlPerS, 1e-6);
      const double flowing = std::min(timeS, injectionEnd) - plan.startS;
      const double washout = timeS > injectionEnd ? std::exp(-(timeS - injectionEnd) / kWashoutTauS) : 1.0;
      if (washout < 0.02) break;
      // A radicular vein running out of the foramen, then up along the lateral canal.
      constexpr int kSegments = 10;
      constexpr double kSegmentMm = 9;
      const double reached = flowing * kVesselSpeedMmPerS;
      Vec3 p = site;
      for (int i = 0; i < kSegments && i * kSegmentMm < reached; ++i) {
        const double phase = 0.45 * i;
        const Vec3 dir = Vec3{s * (i < 3 ? 0.7 : 0.15), -0.2, (i < 3 ? 0.4 : 1.0) + 0.1 * std::sin(phase)}.normalized();
        const Vec3 b = Vec3{0, 1, 0}.cross(dir).normalized(), c = dir.cross(b);
        const Vec3 center = p + dir * (kSegmentMm / 2);
        out.push_back(ellipsoid(center, {kSegmentMm * 0.6, 1.1, 1.1}, Material::Contrast,
                                kVesselDensity * washout, Mat3::fromColumns(dir, b, c)));
        p = p + dir * kSegmentMm;
      }
      break;
    }
    case ContrastPattern::Intrathecal: {
      // The thecal sac lies ~9 mm anterior of the posterior epidural space.
      const Vec3 sac = Vec3{0, site.y - 9, site.z};
      const double extent = 15 + 35 * std::sqrt(ml);
      out.push_back(ellipsoid(sac + Vec3{0, -2.5, 0}, {7.5, 4, extent}, Material::Contrast, 0.5));
      for (int k = -1; k <= 1; ++k) {
        const Vec3 level = sac + Vec3{0, 0, k * 36.0};
        if (std::abs(k * 36.0) > extent - 10) continue;
        rootSleeve(out, level + Vec3{7, -2, -4}, 1, 10, 0.35);
        rootSleeve(out, level + Vec3{-7, -2, -4}, -1, 10, 0.35);
      }
      break;
    }
    case ContrastPattern::Subdural: {
      const Vec3 sheet = Vec3{0, site.y - 3, site.z};
      out.push_back(ellipsoid(sheet, {10, 0.9, 20 + 45 * std::sqrt(ml)}, Material::Contrast, 0.55));
      break;
    }
    case ContrastPattern::Invalid: break;
  }
  return out;
}

}  // namespace fg::sim
