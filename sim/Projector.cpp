#include "sim/Projector.hpp"

#include <algorithm>
#include <cmath>

namespace fg::sim {

Projector::Projector(const core::CarmGeometry& geometry, double tubeKv)
    : geometry_(geometry),
      tubeKv_(tubeKv),
      width_(geometry.pose().detectorColumns),
      height_(geometry.pose().detectorRows),
      rayLength_(static_cast<size_t>(width_) * height_) {
  // Unnormalised ray through pixel (x, y): D = w f + u (x - cx) + v (y - cy), f in px.
  const double f = geometry.pose().sourceToImageMm / geometry.pose().detectorPixelMm;
  const double cx = (width_ - 1) / 2.0, cy = (height_ - 1) / 2.0;
  for (int y = 0; y < height_; ++y) {
    for (int x = 0; x < width_; ++x) {
      const double dx = x - cx, dy = y - cy;
      rayLength_[static_cast<size_t>(y) * width_ + x] = static_cast<float>(std::sqrt(f * f + dx * dx + dy * dy));
    }
  }
}

PixelBox Projector::footprint(const Ellipsoid& e, const core::RigidTransform& motion) const {
  double minX = 1e30, minY = 1e30, maxX = -1e30, maxY = -1e30;
  for (int corner = 0; corner < 8; ++corner) {
    const core::Vec3 local{(corner & 1 ? 1 : -1) * e.radiiMm.x, (corner & 2 ? 1 : -1) * e.radiiMm.y,
                           (corner & 4 ? 1 : -1) * e.radiiMm.z};
    const auto p = geometry_.project(motion.apply(e.centerMm + e.axes * local));
    if (p.depthMm <= 0) return fullImage();
    minX = std::min(minX, p.xPx);
    maxX = std::max(maxX, p.xPx);
    minY = std::min(minY, p.yPx);
    maxY = std::max(maxY, p.yPx);
  }
  PixelBox box{static_cast<int>(std::floor(minX)) - 1, static_cast<int>(std::floor(minY)) - 1,
               static_cast<int>(std::ceil(maxX)) + 1, static_cast<int>(std::ceil(maxY)) + 1};
  box.x0 = std::max(box.x0, 0);
  box.y0 = std::max(box.y0, 0);
  box.x1 = std::min(box.x1, width_ - 1);
  box.y1 = std::min(box.y1, height_ - 1);
  return box;
}

void Projector::accumulate(std::span<const Ellipsoid> ellipsoids, const core::RigidTransform& motion,
                           std::span<float> muL, const PixelBox& clip) const {
  const double f = geometry_.pose().sourceToImageMm / geometry_.pose().detectorPixelMm;
  const double cx = (width_ - 1) / 2.0, cy = (height_ - 1) / 2.0;
  const core::Vec3 u = geometry_.imageXDirection(), v = geometry_.imageYDirection(), w = geometry_.beamDirection();
  const core::Vec3 source = geometry_.sourceMm();
  for (const Ellipsoid& e : ellipsoids) {
    PixelBox box = footprint(e, motion);
    box.x0 = std::max(box.x0, clip.x0);
    box.y0 = std::max(box.y0, clip.y0);
    box.x1 = std::min(box.x1, clip.x1);
    box.y1 = std::min(box.y1, clip.y1);
    if (box.empty()) continue;
    // Into the unit-sphere frame of the moved ellipsoid: q = A (p - c), A = diag(1/r) R^T.
    const core::Mat3 axesMoved = motion.rotation * e.axes;
    const core::Mat3 rt = axesMoved.transposed();
    const core::Vec3 inv{1.0 / e.radiiMm.x, 1.0 / e.radiiMm.y, 1.0 / e.radiiMm.z};
    auto toUnit = [&](const core::Vec3& d) {
      const core::Vec3 r = rt * d;
      return core::Vec3{r.x * inv.x, r.y * inv.y, r.z * inv.z};
    };
    const core::Vec3 o = toUnit(source - motion.apply(e.centerMm));
    // The ray direction is linear in (x, y): D = base + x du + y dv.
    const core::Vec3 base = toUnit(w * f - u * cx - v * cy), du = toUnit(u), dv = toUnit(v);
    const float c = static_cast<float>(o.dot(o) - 1.0);
    const float mu = static_cast<float>(attenuationPerMm(e.material, tubeKv_) * e.density);
    const float ox = static_cast<float>(o.x), oy = static_cast<float>(o.y), oz = static_cast<float>(o.z);
    const float ux = static_cast<float>(du.x), uy = static_cast<float>(du.y), uz = static_cast<float>(du.z);
    for (int y = box.y0; y <= box.y1; ++y) {
      const core::Vec3 rowBase = base + dv * static_cast<double>(y);
      const float bx = static_cast<float>(rowBase.x), by = static_cast<float>(rowBase.y),
                  bz = static_cast<float>(rowBase.z);
      float* out = muL.data() + static_cast<size_t>(y) * width_;
      const float* len = rayLength_.data() + static_cast<size_t>(y) * width_;
      // Single precision and no branch: this loop vectorises (chords are a few hundred mm at most,
      // far inside float's precision).
      for (int x = box.x0; x <= box.x1; ++x) {
        const float fx = static_cast<float>(x);
        const float dx = bx + ux * fx, dy = by + uy * fx, dz = bz + uz * fx;
        const float a = dx * dx + dy * dy + dz * dz;
        const float b = ox * dx + oy * dy + oz * dz;  // half of the linear coefficient
        const float disc = std::max(b * b - a * c, 0.0f);
        // Along p(s) = source + s D the chord is 2 sqrt(disc) / a in s, times |D| in mm.
        out[x] += mu * 2.0f * std::sqrt(disc) / a * len[x];
      }
    }
  }
}

}  // namespace fg::sim
