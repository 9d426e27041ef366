#include "core/Geometry.hpp"

#include <cmath>

namespace fg::core {

Mat3 Mat3::rotation(const Vec3& axis, double radians) {
  const Vec3 a = axis.normalized();
  const double c = std::cos(radians), s = std::sin(radians), t = 1 - c;
  return {{t * a.x * a.x + c, t * a.x * a.y - s * a.z, t * a.x * a.z + s * a.y,
           t * a.x * a.y + s * a.z, t * a.y * a.y + c, t * a.y * a.z - s * a.x,
           t * a.x * a.z - s * a.y, t * a.y * a.z + s * a.x, t * a.z * a.z + c}};
}

bool nearlyEqual(const RigidTransform& a, const RigidTransform& b) {
  for (size_t i = 0; i < 9; ++i) {
    if (std::abs(a.rotation.m[i] - b.rotation.m[i]) > 1e-9) return false;
  }
  return (a.translation - b.translation).norm() < 1e-6;
}

Mat3 Mat3::inverse() const {
  const double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                     m[2] * (m[3] * m[7] - m[4] * m[6]);
  const double s = std::abs(det) > 1e-12 ? 1.0 / det : 0.0;
  return {{(m[4] * m[8] - m[5] * m[7]) * s, (m[2] * m[7] - m[1] * m[8]) * s, (m[1] * m[5] - m[2] * m[4]) * s,
           (m[5] * m[6] - m[3] * m[8]) * s, (m[0] * m[8] - m[2] * m[6]) * s, (m[2] * m[3] - m[0] * m[5]) * s,
           (m[3] * m[7] - m[4] * m[6]) * s, (m[1] * m[6] - m[0] * m[7]) * s, (m[0] * m[4] - m[1] * m[3]) * s}};
}

Mat3 Mat3::operator*(const Mat3& o) const {
  Mat3 r;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      r.m[i * 3 + j] = m[i * 3] * o.m[j] + m[i * 3 + 1] * o.m[3 + j] + m[i * 3 + 2] * o.m[6 + j];
    }
  }
  return r;
}

}  // namespace fg::core
