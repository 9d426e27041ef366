#pragma once
// Small 3D vector and rigid-transform maths for patient and C-arm geometry (millimetres).

#include <array>
#include <cmath>

namespace fg::core {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  Vec3 operator+(const Vec3& o) const { return {x + o.x, y + o.y, z + o.z}; }
  Vec3 operator-(const Vec3& o) const { return {x - o.x, y - o.y, z - o.z}; }
  Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
  double dot(const Vec3& o) const { return x * o.x + y * o.y + z * o.z; }
  Vec3 cross(const Vec3& o) const { return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x}; }
  double norm() const { return std::sqrt(dot(*this)); }
  Vec3 normalized() const { const double n = norm(); return n > 0 ? *this * (1.0 / n) : *this; }
};

// Row-major 3x3 rotation.
struct Mat3 {
  std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};
  static Mat3 identity() { return {}; }
  static Mat3 fromColumns(const Vec3& a, const Vec3& b, const Vec3& c) {
    return {{a.x, b.x, c.x, a.y, b.y, c.y, a.z, b.z, c.z}};
  }
  // Right-handed rotation about a unit axis by `radians`.
  static Mat3 rotation(const Vec3& axis, double radians);
  Vec3 operator*(const Vec3& v) const {
    return {m[0] * v.x + m[1] * v.y + m[2] * v.z, m[3] * v.x + m[4] * v.y + m[5] * v.z,
            m[6] * v.x + m[7] * v.y + m[8] * v.z};
  }
  Mat3 operator*(const Mat3& o) const;
  // The inverse (any invertible matrix, e.g. voxel axes with spacing); zero for a singular one.
  Mat3 inverse() const;
  Mat3 transposed() const { return {{m[0], m[3], m[6], m[1], m[4], m[7], m[2], m[5], m[8]}}; }
  Vec3 column(int i) const { return {m[i], m[3 + i], m[6 + i]}; }
};

// x' = rotation * x + translation.
struct RigidTransform;
// The same transform within 1e-9 in rotation and 1e-6 mm in translation.
bool nearlyEqual(const RigidTransform& a, const RigidTransform& b);

struct RigidTransform {
  Mat3 rotation;
  Vec3 translation;
  Vec3 apply(const Vec3& p) const { return rotation * p + translation; }
  RigidTransform inverse() const {
    const Mat3 rt = rotation.transposed();
    return {rt, (rt * translation) * -1.0};
  }
  RigidTransform operator*(const RigidTransform& o) const {
    return {rotation * o.rotation, rotation * o.translation + translation};
  }
};

constexpr double degToRad(double deg) { return deg * 3.14159265358979323846 / 180.0; }

}  // namespace fg::core
