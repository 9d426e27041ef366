#include "sim/RayCaster.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <thread>

namespace fg::sim {
namespace {


// The part [s0, s1] of the ray v(s) = v0 + s dv inside the box [0, n - 1] of each axis.
bool clip(const double v0[3], const double dv[3], const int n[3], double& s0, double& s1) {
  s0 = 0;
  s1 = 1e30;
  for (int a = 0; a < 3; ++a) {
    const double hi = n[a] - 1.001;
    if (std::abs(dv[a]) < 1e-12) {
      if (v0[a] < 0 || v0[a] > hi) return false;
      continue;
    }
    double t0 = (0 - v0[a]) / dv[a], t1 = (hi - v0[a]) / dv[a];
    if (t0 > t1) std::swap(t0, t1);
    s0 = std::max(s0, t0);
    s1 = std::min(s1, t1);
  }
  return s1 > s0;
}

template <int C>
void castRows(const AttenuationVolume& vol, const double source[3], const core::Mat3& toVoxel,
              const core::CarmGeometry& g, int stepPx, CoarseProjection& out, int row0, int row1) {
  const int n[3] = {vol.nx, vol.ny, vol.nz};
  const size_t sx = C, sy = static_cast<size_t>(vol.nx) * C, sz = static_cast<size_t>(vol.nx) * vol.ny * C;
  const float* v = vol.values.data();
  // Half a voxel per step, in mm along the ray: the voxel grid's smallest spacing / 2.
  const double stepMm = vol.smallestSpacingMm() / 2;
  for (int ny = row0; ny < row1; ++ny) {
    for (int nx = 0; nx < out.width; ++nx) {
      const double xPx = nx * stepPx + (stepPx - 1) / 2.0, yPx = ny * stepPx + (stepPx - 1) / 2.0;
      const core::Vec3 d = toVoxel * g.rayThroughPixel(xPx, yPx);  // voxels per mm along the ray
      const double dv[3] = {d.x, d.y, d.z};
      double s0, s1;
      float sum[C] = {};
      if (clip(source, dv, n, s0, s1)) {
        const int steps = static_cast<int>((s1 - s0) / stepMm);
        double p[3] = {source[0] + dv[0] * (s0 + stepMm / 2), source[1] + dv[1] * (s0 + stepMm / 2),
                       source[2] + dv[2] * (s0 + stepMm / 2)};
        const double q[3] = {dv[0] * stepMm, dv[1] * stepMm, dv[2] * stepMm};
        for (int s = 0; s < steps; ++s) {
          const int i = static_cast<int>(p[0]), j = static_cast<int>(p[1]), k = static_cast<int>(p[2]);
          const float fx = static_cast<float>(p[0] - i), fy = static_cast<float>(p[1] - j),
                      fz = static_cast<float>(p[2] - k);
          const float* b = v + i * sx + j * sy + k * sz;
          for (int c = 0; c < C; ++c) {
            const float c00 = b[c] + fx * (b[c + sx] - b[c]);
            const float c10 = b[c + sy] + fx * (b[c + sy + sx] - b[c + sy]);
            const float c01 = b[c + sz] + fx * (b[c + sz + sx] - b[c + sz]);
            const float c11 = b[c + sz + sy] + fx * (b[c + sz + sy + sx] - b[c + sz + sy]);
            const float c0 = c00 + fy * (c10 - c00), c1 = c01 + fy * (c11 - c01);
            sum[c] += c0 + fz * (c1 - c0);
          }
          p[0] += q[0];
          p[1] += q[1];
          p[2] += q[2];
        }
      }
      float* o = out.muL.data() + (static_cast<size_t>(ny) * out.width + nx) * C;
      for (int c = 0; c < C; ++c) o[c] = sum[c] * static_cast<float>(stepMm);
    }
  }
}

}  // namespace

int nodeStepPx(const core::CarmGeometry& geometry, double voxelMm, int coarser) {
  const auto& pose = geometry.pose();
  const double wanted = voxelMm / 2 / geometry.isocentrePixelMm() * coarser;
  int best = 1;
  for (int s = 1; s <= std::max(1, static_cast<int>(wanted)); ++s) {
    if (pose.detectorColumns % s == 0 && pose.detectorRows % s == 0) best = s;
  }
  return best;
}

CoarseProjection castRays(const AttenuationVolume& volume, const core::CarmGeometry& geometry,
                          const core::RigidTransform& motion, int stepPx, int threads) {
  CoarseProjection out;
  out.stepPx = std::max(1, stepPx);
  out.width = geometry.pose().detectorColumns / out.stepPx;
  out.height = geometry.pose().detectorRows / out.stepPx;
  out.channels = volume.channels;
  out.muL.assign(static_cast<size_t>(out.width) * out.height * out.channels, 0.0f);
  // C-arm frame -> the volume's voxels: undo the motion, then LPS -> voxel.
  const core::RigidTransform back = motion.inverse();
  const core::Mat3 lpsToVoxel = volume.voxelToLps.inverse();
  const core::Mat3 toVoxel = lpsToVoxel * back.rotation;
  const core::Vec3 s = lpsToVoxel * (back.apply(geometry.sourceMm()) - volume.originLps);
  const double source[3] = {s.x, s.y, s.z};
  auto work = [&](int row0, int row1) {
    if (volume.channels == 2) castRows<2>(volume, source, toVoxel, geometry, out.stepPx, out, row0, row1);
    else castRows<1>(volume, source, toVoxel, geometry, out.stepPx, out, row0, row1);
  };
  threads = std::clamp(threads, 1, 8);
  std::vector<std::thread> pool;
  const int per = (out.height + threads - 1) / threads;
  for (int t = 1; t < threads; ++t) {
    pool.emplace_back(work, std::min(out.height, t * per), std::min(out.height, (t + 1) * per));
  }
  work(0, std::min(out.height, per));
  for (auto& th : pool) th.join();
  return out;
}

void upsampleChannel(const CoarseProjection& coarse, int channel, int width, int height, std::span<float> out) {
  cv::Mat nodes(coarse.height, coarse.width, CV_32FC1);
  for (int y = 0; y < coarse.height; ++y) {
    for (int x = 0; x < coarse.width; ++x) {
      nodes.at<float>(y, x) =
          coarse.muL[(static_cast<size_t>(y) * coarse.width + x) * coarse.channels + channel];
    }
  }
  cv::Mat full(height, width, CV_32FC1, out.data());
  // Node n sits at the centre of its block of stepPx pixels, which is where resize samples it.
  cv::resize(nodes, full, full.size(), 0, 0, cv::INTER_CUBIC);
}

}  // namespace fg::sim
