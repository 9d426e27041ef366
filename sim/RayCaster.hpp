#pragma once
// Line integrals of a voxel volume of attenuation along the rays of a C-arm pose (mu*L,
// dimensionless), with trilinear interpolation and steps of half a voxel.
//
// A CT voxel (3 mm) covers many detector pixels (0.15-0.3 mm), so rays are cast on a grid of nodes
// every few pixels, then interpolated (bicubic) to the detector. Sharp structures (needle,
// contrast) are added at the detector's own resolution by the caller.

#include <algorithm>
#include <span>
#include <vector>

#include "core/CarmGeometry.hpp"

namespace fg::sim {

// Attenuation per mm on a voxel grid placed in patient LPS mm (as CtVolume), any number of
// channels, interleaved per voxel (channel c of voxel v at values[v * channels + c]).
struct AttenuationVolume {
  int nx = 0, ny = 0, nz = 0, channels = 1;
  core::Mat3 voxelToLps;
  core::Vec3 originLps;
  std::vector<float> values;
  double smallestSpacingMm() const {
    return std::min({voxelToLps.column(0).norm(), voxelToLps.column(1).norm(), voxelToLps.column(2).norm()});
  }
};

struct CoarseProjection {
  int width = 0, height = 0;  // nodes
  int stepPx = 1;             // detector pixels per node
  int channels = 1;
  std::vector<float> muL;     // per node, channels interleaved
};

// The node spacing (a divisor of both detector sizes) that keeps nodes at most half a voxel apart
// at the isocentre; `coarser` multiplies it (a quick projection while the patient moves).
int nodeStepPx(const core::CarmGeometry& geometry, double voxelMm, int coarser = 1);

// Casts one ray per node through the volume moved by `motion` (patient -> C-arm frame), on up to
// `threads` threads.
CoarseProjection castRays(const AttenuationVolume& volume, const core::CarmGeometry& geometry,
                          const core::RigidTransform& motion, int stepPx, int threads = 2);

// One channel of a coarse projection at every detector pixel (bicubic), written into `out`
// (width x height of the detector).
void upsampleChannel(const CoarseProjection& coarse, int channel, int width, int height, std::span<float> out);

}  // namespace fg::sim
