#pragma once
// A CT volume and its label map on the same grid, read from NIfTI-1 files (VTK's reader), with the
// voxel grid placed in patient LPS millimetres.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/Geometry.hpp"
#include "core/Status.hpp"

namespace fg::sim {

struct CtVolume {
  int nx = 0, ny = 0, nz = 0;  // voxels; x fastest in the arrays
  // LPS mm of voxel (i, j, k) = voxelToLps * (i, j, k) + originLps (spacing included).
  core::Mat3 voxelToLps;
  core::Vec3 originLps;
  std::vector<float> hu;         // Hounsfield units
  std::vector<uint8_t> labels;   // label map (0 = none)

  size_t index(int i, int j, int k) const {
    return (static_cast<size_t>(k) * ny + j) * nx + i;
  }
  size_t voxelCount() const { return static_cast<size_t>(nx) * ny * nz; }
  core::Vec3 lpsOf(double i, double j, double k) const {
    return voxelToLps * core::Vec3{i, j, k} + originLps;
  }
  core::Vec3 voxelOf(const core::Vec3& lps) const;  // continuous voxel coordinates
  double voxelSizeMm() const;  // the largest spacing of the three axes
};

// Reads the Hounsfield units and the labels; refuses files that are missing, unreadable, not on the
// same grid, or without a spatial transform, with a message naming the file.
core::Result<CtVolume> loadCtVolume(const std::filesystem::path& huFile,
                                    const std::filesystem::path& labelFile);

// The CT shipped in assets/ct (read once per process, then shared).
core::Result<std::shared_ptr<const CtVolume>> bundledCt();

}  // namespace fg::sim
