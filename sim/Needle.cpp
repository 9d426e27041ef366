#include "sim/Needle.hpp"

#include <algorithm>
#include <cmath>

namespace fg::sim {
namespace {

core::Vec3 bezier(const core::Vec3& a, const core::Vec3& c, const core::Vec3& b, double t) {
  return a * ((1 - t) * (1 - t)) + c * (2 * (1 - t) * t) + b * (t * t);
}

// Its tangent (not normalised).
core::Vec3 bezierTangent(const core::Vec3& a, const core::Vec3& c, const core::Vec3& b, double t) {
  return (c - a) * (2 * (1 - t)) + (b - c) * (2 * t);
}

// Length of the ray p(s) = source + s d (d unit) inside a solid cylinder of radius r around the
// segment a-b.
double chordThroughCylinder(const core::Vec3& source, const core::Vec3& d, const core::Vec3& a,
                            const core::Vec3& axis, double length, double r) {
  const core::Vec3 m = source - a;
  const double da = d.dot(axis), ma = m.dot(axis);
  const core::Vec3 dp = d - axis * da, mp = m - axis * ma;
  const double alpha = dp.dot(dp), beta = mp.dot(dp), gamma = mp.dot(mp) - r * r;
  double s0, s1;
  if (alpha < 1e-12) {
    if (gamma > 0) return 0;
    s0 = -1e30;
    s1 = 1e30;
  } else {
    const double disc = beta * beta - alpha * gamma;
    if (disc <= 0) return 0;
    const double root = std::sqrt(disc);
    s0 = (-beta - root) / alpha;
    s1 = (-beta + root) / alpha;
  }
  // Clip to the segment's extent along its axis: 0 <= ma + s da <= length.
  if (std::abs(da) > 1e-12) {
    double h0 = (0 - ma) / da, h1 = (length - ma) / da;
    if (h0 > h1) std::swap(h0, h1);
    s0 = std::max(s0, h0);
    s1 = std::min(s1, h1);
  } else if (ma < 0 || ma > length) {
    return 0;
  }
  return std::max(0.0, s1 - s0);
}

}  // namespace

NeedleKind parseNeedleKind(std::string_view name) {
  if (name == "spinal") return NeedleKind::Spinal;
  if (name == "k-wire") return NeedleKind::KWire;
  return NeedleKind::Invalid;
}

bool knownGauge(int gauge) { return gauge == 18 || gauge == 20 || gauge == 22 || gauge == 25; }

void sizeNeedle(NeedlePlan& plan, NeedleKind kind, int gauge, bool stylet) {
  if (kind == NeedleKind::KWire) {
    plan.outerRadiusMm = 0.8;
    plan.innerRadiusMm = 0;
    plan.lengthMm = 150;
    return;
  }
  struct Size {
    int gauge;
    double outerMm, innerMm;
  };
  constexpr Size kSizes[] = {{18, 1.27, 0.84}, {20, 0.91, 0.60}, {22, 0.72, 0.41}, {25, 0.51, 0.26}};
  for (const Size& s : kSizes) {
    if (s.gauge != gauge) continue;
    plan.outerRadiusMm = s.outerMm / 2;
    plan.innerRadiusMm = stylet ? 0.0 : s.innerMm / 2;
  }
  plan.lengthMm = 90;
}

NeedleState needleAt(const NeedlePlan& plan, double timeS) {
  NeedleState state;
  (void)timeS;
  // The needle is in the skin before imaging starts (local anaesthetic, then the spinal needle);
  // it waits at its initial depth until the advance begins.
  state.present = plan.present;
  const double progress = std::clamp((timeS - plan.startS) / std::max(plan.endS - plan.startS, 1e-6), 0.0, 1.0);
  // Smooth start and stop, as a hand advances a needle.
  const double eased = progress * progress * (3 - 2 * progress);
  const double fraction = plan.initialFraction + (1 - plan.initialFraction) * eased;
  const core::Vec3 path = plan.targetMm - plan.entryMm;
  const core::Vec3 side = path.cross({0, 0, 1}).norm() > 1e-6 ? path.cross({0, 0, 1}).normalized()
                                                              : core::Vec3{1, 0, 0};
  const core::Vec3 control = (plan.entryMm + plan.targetMm) * 0.5 + side * (2 * plan.bendMm);
  // The part inside the body follows the bent path from the entry to the current tip, in pieces
  // short enough that the image shows a smooth bend (ten 6 mm pieces turned 0.8 degrees each, and
  // the straight last piece pointed half of that away from the needle's direction at its tip).
  constexpr int kInside = 40;
  std::vector<core::Vec3> inside;
  for (int i = 0; i <= kInside; ++i) inside.push_back(bezier(plan.entryMm, control, plan.targetMm, fraction * i / kInside));
  state.tipMm = inside.back();
  // Where the tip is heading: the path's own direction there.
  state.directionMm = bezierTangent(plan.entryMm, control, plan.targetMm, fraction).normalized();
  // The rest of the shaft continues straight out of the skin toward the hub.
  double insideLength = 0;
  for (int i = 1; i <= kInside; ++i) insideLength += (inside[i] - inside[i - 1]).norm();
  const core::Vec3 outward = (inside[0] - inside[1]).normalized();
  const double outsideLength = std::max(0.0, plan.lengthMm - insideLength);
  state.shaftMm.push_back(inside[0] + outward * outsideLength);
  state.shaftMm.insert(state.shaftMm.end(), inside.begin(), inside.end());
  return state;
}

PixelBox projectNeedle(const NeedleState& needle, const NeedlePlan& plan, const Projector& projector,
                       const core::RigidTransform& motion, std::span<float> muL) {
  PixelBox total{projector.width(), projector.height(), -1, -1};
  if (!needle.present) return total;
  const auto& g = projector.geometry();
  const double mu = attenuationPerMm(Material::Steel, projector.tubeKv());
  const core::Vec3 source = g.sourceMm();
  for (size_t i = 0; i + 1 < needle.shaftMm.size(); ++i) {
    const core::Vec3 a = motion.apply(needle.shaftMm[i]), b = motion.apply(needle.shaftMm[i + 1]);
    const double length = (b - a).norm();
    if (length < 1e-6) continue;
    const core::Vec3 axis = (b - a) * (1.0 / length);
    const auto pa = g.project(a), pb = g.project(b);
    // The band covers the shaft's radius on the detector (magnified) and the blur beyond it.
    const int pad = static_cast<int>(std::ceil(plan.outerRadiusMm * g.magnification() * 1.2 / g.pose().detectorPixelMm)) + 3;
    PixelBox box{std::max(0, static_cast<int>(std::min(pa.xPx, pb.xPx)) - pad),
                 std::max(0, static_cast<int>(std::min(pa.yPx, pb.yPx)) - pad),
                 std::min(projector.width() - 1, static_cast<int>(std::max(pa.xPx, pb.xPx)) + pad),
                 std::min(projector.height() - 1, static_cast<int>(std::max(pa.yPx, pb.yPx)) + pad)};
    if (box.empty()) continue;
    auto addPixel = [&](int x, int y) {
      if (x < box.x0 || x > box.x1 || y < box.y0 || y > box.y1) return;
      const core::Vec3 d = g.rayThroughPixel(x, y);
      const double steel = chordThroughCylinder(source, d, a, axis, length, plan.outerRadiusMm) -
                           (plan.innerRadiusMm > 0
                                ? chordThroughCylinder(source, d, a, axis, length, plan.innerRadiusMm)
                                : 0.0);
      if (steel > 0) muL[static_cast<size_t>(y) * projector.width() + x] += static_cast<float>(mu * steel);
    };
    // A straight segment projects to a straight line: visit only a band around it.
    const double dx = pb.xPx - pa.xPx, dy = pb.yPx - pa.yPx;
    if (std::abs(dx) >= std::abs(dy)) {
      for (int x = box.x0; x <= box.x1; ++x) {
        const double t = std::abs(dx) < 1e-9 ? 0.0 : std::clamp((x - pa.xPx) / dx, 0.0, 1.0);
        const int yc = static_cast<int>(std::lround(pa.yPx + t * dy));
        for (int y = yc - pad; y <= yc + pad; ++y) addPixel(x, y);
      }
    } else {
      for (int y = box.y0; y <= box.y1; ++y) {
        const double t = std::clamp((y - pa.yPx) / dy, 0.0, 1.0);
        const int xc = static_cast<int>(std::lround(pa.xPx + t * dx));
        for (int x = xc - pad; x <= xc + pad; ++x) addPixel(x, y);
      }
    }
    total = {std::min(total.x0, box.x0), std::min(total.y0, box.y0), std::max(total.x1, box.x1),
             std::max(total.y1, box.y1)};
  }
  return total;
}

}  // namespace fg::sim
