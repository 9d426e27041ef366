#include "sim/SpinePhantom.hpp"

#include <cmath>

namespace fg::sim {
namespace {

using core::Mat3;
using core::Vec3;

struct LevelShape {
  double bodyHalfWidth, bodyHalfDepth, bodyHalfHeight, discHalfHeight, transverseLength;
};

LevelShape shapeFor(const std::string& label) {
  if (label[0] == 'T') return {18, 14, 11, 3.5, 12};
  if (label == "L1") return {20, 15, 12.5, 4.5, 14};
  if (label == "L2") return {21, 16, 13, 5, 17};
  if (label == "L3") return {22, 16.5, 13.5, 5, 20};
  return {23, 17, 13.5, 5.5, 17};  // L4 and below
}

void addVertebra(std::vector<Ellipsoid>& out, const std::string& label, double zc, const LevelShape& s,
                 bool alae) {
  const double rx = s.bodyHalfWidth, ry = s.bodyHalfDepth, rz = s.bodyHalfHeight;
  // Body: cortical shell around a less dense core.
  out.push_back(ellipsoid({0, 0, zc}, {rx, ry, rz}, Material::Bone, 1.0));
  // Trabecular core: about a third of cortical density.
  out.push_back(ellipsoid({0, 0, zc}, {rx - 2.5, ry - 2.5, rz - 2}, Material::Bone, -0.7));
  for (double side : {-1.0, 1.0}) {
    // Pedicle: the "eye" of the AP view, with its cortical ring.
    out.push_back(ellipsoid({side * (rx - 7), ry + 5, zc + 3}, {4.5, 8, 6.5}, Material::Bone, 1.0));
    out.push_back(ellipsoid({side * (rx - 7), ry + 5, zc + 3}, {2.8, 7, 4.8}, Material::Bone, -0.6));
    // Lamina, sloping down and in.
    out.push_back(ellipsoid({side * 9, ry + 21, zc - 2}, {9, 3.5, 11}, Material::Bone, 1.0,
                            Mat3::rotation({0, 1, 0}, side * 0.35)));
    // Transverse process (thoracic ones point backward).
    const bool thoracic = label[0] == 'T';
    const double len = alae ? 16 : s.transverseLength;
    out.push_back(ellipsoid({side * (rx + len - 2), ry + (thoracic ? 14 : 6), zc + 2},
                            {len, alae ? 12 : 4.5, alae ? 13 : 5.5}, Material::Bone, 1.0,
                            Mat3::rotation({0, 0, 1}, thoracic ? side * 0.5 : 0.0)));
    // Articular processes (facet joints).
    out.push_back(ellipsoid({side * 13, ry + 15, zc + rz + 2}, {4, 5, 6}, Material::Bone, 1.0));
    out.push_back(ellipsoid({side * 11, ry + 19, zc - rz - 2}, {4, 5, 6}, Material::Bone, 1.0));
  }
  // Spinous process.
  out.push_back(ellipsoid({0, ry + 35, zc - 4}, {3.5, 14, 9}, Material::Bone, 0.9));
}

void addRib(std::vector<Ellipsoid>& out, double side, const Vec3& start, double lengthMm) {
  const Vec3 dir = Vec3{side * 0.8, -0.25, -0.55}.normalized();
  const int pieces = 3;
  for (int i = 0; i < pieces; ++i) {
    const double t = (i + 0.5) * lengthMm / pieces;
    const Vec3 center = start + dir * t;
    // Axis x of the ellipsoid along the rib.
    const Vec3 a = dir, b = Vec3{0, 0, 1}.cross(a).normalized(), c = a.cross(b);
    out.push_back(ellipsoid(center, {lengthMm / pieces * 0.6, 4, 5.5}, Material::Bone, 0.85,
                            Mat3::fromColumns(a, b, c)));
  }
}

}  // namespace

const Interspace* SpinePhantom::interspace(const std::string& label) const {
  for (const auto& i : interspaces) {
    if (i.label == label) return &i;
  }
  return nullptr;
}

core::Result<SpinePhantom> buildSpinePhantom(const AnatomyOptions& options) {
  if (options.lumbarVertebrae != 5 && options.lumbarVertebrae != 6) {
    return core::Status::error(core::StatusCode::OutOfRange, "anatomy.lumbarVertebrae must be 5 or 6");
  }
  SpinePhantom phantom;
  std::vector<std::string> labels = {"T11", "T12"};
  for (int i = 1; i <= options.lumbarVertebrae; ++i) labels.push_back("L" + std::to_string(i));

  // Stack from the sacrum up.
  const std::string lastLumbar = labels.back();
  std::vector<double> centers(labels.size());
  // z: the centre of the last lumbar body; the disc above it sits at z = 0.
  double z = -(shapeFor(lastLumbar).discHalfHeight + shapeFor(lastLumbar).bodyHalfHeight);
  centers.back() = z;
  for (int i = static_cast<int>(labels.size()) - 2; i >= 0; --i) {
    const LevelShape below = shapeFor(labels[static_cast<size_t>(i + 1)]);
    const LevelShape here = shapeFor(labels[static_cast<size_t>(i)]);
    z += below.bodyHalfHeight + 2 * below.discHalfHeight + here.bodyHalfHeight;
    centers[static_cast<size_t>(i)] = z;
  }

  auto& out = phantom.anatomy;
  // Torso soft tissue first: the spine sits in its posterior part.
  out.push_back(ellipsoid({0, -30, 0}, {150, 105, 420}, Material::SoftTissue, 1.0));
  for (size_t i = 0; i < labels.size(); ++i) {
    const LevelShape s = shapeFor(labels[i]);
    const bool fused = options.sacralisedL5 && i + 1 == labels.size();
    addVertebra(out, labels[i], centers[i], s, fused);
    phantom.vertebrae.push_back({labels[i], {0, 0, centers[i]}});
    if (i + 1 < labels.size()) {
      out.push_back(ellipsoid({0, 0, centers[i] - s.bodyHalfHeight - s.discHalfHeight},
                              {s.bodyHalfWidth - 1, s.bodyHalfDepth - 1, s.discHalfHeight}, Material::Disc, 1.0));
    }
  }
  // Sacrum: S1 body and alae, then the narrowing segments tilting back.
  const LevelShape last = shapeFor(lastLumbar);
  const double discBelow = options.sacralisedL5 ? 1.5 : last.discHalfHeight;
  const double s1 = centers.back() - last.bodyHalfHeight - 2 * discBelow - 13;
  out.push_back(ellipsoid({0, 0, centers.back() - last.bodyHalfHeight - discBelow}, {21, 16, discBelow},
                          Material::Disc, options.sacralisedL5 ? 0.4 : 1.0));
  out.push_back(ellipsoid({0, 2, s1}, {23, 16, 13}, Material::Bone, 1.0));
  out.push_back(ellipsoid({0, 2, s1}, {20, 13, 11}, Material::Bone, -0.5));
  for (double side : {-1.0, 1.0}) {
    out.push_back(ellipsoid({side * 30, 8, s1 - 4}, {17, 13, 18}, Material::Bone, 0.6));
    // Sacral foramina: lighter holes in the alae (kept inside them).
    out.push_back(ellipsoid({side * 17, 8, s1 - 14}, {3.5, 6, 3.5}, Material::Bone, -0.5));
    // Iliac wing: a thin curved plate (a shell) whose crest reaches the L4-L5 level.
    out.push_back(ellipsoid({side * 82, 15, s1 + 5}, {13, 45, 52}, Material::Bone, 0.55,
                            Mat3::rotation({0, 0, 1}, side * 0.25)));
    out.push_back(ellipsoid({side * 82, 15, s1 + 5}, {10, 42, 49}, Material::Bone, -0.45,
                            Mat3::rotation({0, 0, 1}, side * 0.25)));
  }
  for (int k = 1; k <= 3; ++k) {
    out.push_back(ellipsoid({0, 6.0 + 7 * k, s1 - 22.0 * k}, {20.0 - 4 * k, 12, 10}, Material::Bone, 0.9));
  }
  phantom.vertebrae.push_back({"S1", {0, 2, s1}});

  // Ribs of T11 and (unless absent) T12, from the tips of their transverse processes.
  for (size_t i = 0; i < 2; ++i) {
    if (i == 1 && options.twelfthRibs == TwelfthRibs::Absent) continue;
    const LevelShape s = shapeFor(labels[i]);
    for (double side : {-1.0, 1.0}) {
      addRib(out, side, {side * (s.bodyHalfWidth + 2 * s.transverseLength - 6), s.bodyHalfDepth + 12, centers[i]},
             i == 0 ? 150 : 110);
    }
  }

  // Interspaces with their needle targets.
  std::vector<std::string> all = labels;
  all.push_back("S1");
  for (size_t i = 0; i + 1 < all.size(); ++i) {
    const std::string lower = all[i + 1] == "S1" ? "S1" : all[i + 1].substr(1);
    const std::string label = all[i] + "-" + lower;
    const double zc = i + 1 < labels.size() ? centers[i] - shapeFor(labels[i]).bodyHalfHeight -
                                                  shapeFor(labels[i]).discHalfHeight
                                            : centers.back() - last.bodyHalfHeight - discBelow;
    const LevelShape s = shapeFor(all[i]);
    phantom.interspaces.push_back({label, {0, s.bodyHalfDepth + 11, zc},
                                   {s.bodyHalfWidth - 3, s.bodyHalfDepth + 2, zc + 4},
                                   {-(s.bodyHalfWidth - 3), s.bodyHalfDepth + 2, zc + 4},
                                   {0, 0, zc}});
  }
  return phantom;
}

}  // namespace fg::sim
