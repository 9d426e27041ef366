#include "sim/CtPatient.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numeric>
#include <opencv2/imgproc.hpp>

#include "sim/Hounsfield.hpp"

namespace fg::sim {
namespace {

constexpr float kBodyHu = -400;        // below: air around the patient, or gas inside
constexpr float kGasHu = -300;         // below, inside the body: bowel gas
constexpr float kEnhancedHu = 130;     // above: enhanced blood, or bone
constexpr float kCortexHu = 500;       // above: cortical bone
constexpr double kCortexFraction = 0.1;
constexpr float kBloodAsTissueHu = 40; // unenhanced blood and soft tissue

cv::Mat sliceMask(const CtVolume& ct, int k, auto&& pick) {
  cv::Mat m(ct.ny, ct.nx, CV_8UC1);
  for (int j = 0; j < ct.ny; ++j) {
    uint8_t* row = m.ptr<uint8_t>(j);
    for (int i = 0; i < ct.nx; ++i) row[i] = pick(ct.index(i, j, k)) ? 255 : 0;
  }
  return m;
}

// Pixels of `mask` not reachable from the slice's border through pixels outside `mask`.
cv::Mat filled(const cv::Mat& mask) {
  cv::Mat padded;
  cv::copyMakeBorder(mask, padded, 1, 1, 1, 1, cv::BORDER_CONSTANT, 0);
  cv::Mat flood = padded.clone();
  cv::floodFill(flood, cv::Point(0, 0), 128);
  cv::Mat inside = flood != 128;
  return inside(cv::Rect(1, 1, mask.cols, mask.rows)).clone();
}

// The largest 8-connected region of `mask`, cut free of thin bridges (the couch touching the back).
cv::Mat largestRegion(const cv::Mat& mask) {
  cv::Mat eroded, labels, stats, centroids;
  cv::erode(mask, eroded, cv::Mat());
  const int n = cv::connectedComponentsWithStats(eroded, labels, stats, centroids, 8, CV_32S);
  int best = 0, bestArea = 0;
  for (int l = 1; l < n; ++l) {
    if (stats.at<int>(l, cv::CC_STAT_AREA) > bestArea) {
      bestArea = stats.at<int>(l, cv::CC_STAT_AREA);
      best = l;
    }
  }
  cv::Mat region = cv::Mat::zeros(mask.size(), CV_8UC1);
  if (best == 0) return region;
  region = labels == best;
  cv::dilate(region, region, cv::Mat());
  return region & mask;
}

struct Measured {
  std::string name;
  core::Vec3 body;            // centroid of the vertebral body
  double bodyTopZ = 0, bodyBottomZ = 0;
  bool canal = false;
  core::Vec3 canalCentre;
  double canalPosteriorY = 0, canalAnteriorY = 0, canalHalfWidth = 0;
};

}  // namespace

std::string ctVertebraName(int label) {
  switch (label) {
    case 26: return "S1";
    case 27: return "L5";
    case 28: return "L4";
    case 29: return "L3";
    case 30: return "L2";
    case 31: return "L1";
    case 32: return "T12";
    case 33: return "T11";
    default: return "";
  }
}

core::Result<std::unique_ptr<CtPatient>> CtPatient::create(std::shared_ptr<const CtVolume> ct, double tubeKv) {
  if (!ct) return core::Status::error(core::StatusCode::NotFound, "no CT volume");
  // Preparing the volume takes a few hundred ms; a matrix of tens of cases on the same CT and
  // voltage prepares it once and copies it.
  static std::mutex mutex;
  static std::map<std::pair<const CtVolume*, double>, std::unique_ptr<const CtPatient>> prepared;
  const std::lock_guard lock(mutex);
  const auto key = std::make_pair(ct.get(), tubeKv);
  auto it = prepared.find(key);
  if (it == prepared.end()) {
    std::unique_ptr<CtPatient> patient(new CtPatient());
    if (auto s = patient->findLandmarks(*ct); !s.isOk()) return s;
    if (auto s = patient->prepare(*ct, tubeKv); !s.isOk()) return s;
    if (prepared.size() >= 4) prepared.clear();  // a few voltages at most
    it = prepared.emplace(key, std::move(patient)).first;
  }
  std::unique_ptr<CtPatient> copy(new CtPatient(*it->second));
  copy->castFor_ = nullptr;
  copy->cast_ = {};
  return copy;
}

core::Status CtPatient::prepare(const CtVolume& ct, double tubeKv) {
  volume_.nx = ct.nx;
  volume_.ny = ct.ny;
  volume_.nz = ct.nz;
  volume_.channels = 2;
  volume_.voxelToLps = ct.voxelToLps;
  volume_.originLps = ct.originLps;
  volume_.values.assign(ct.voxelCount() * 2, 0.0f);
  double t12Z = 1e30;
  for (const auto& v : vertebrae_) {
    if (v.label == "T12") t12Z = v.centerMm.z;
  }
  const float water = static_cast<float>(attenuationPerMmFromHu(0, tubeKv));
  // mu is piecewise linear in HU: a table every HU from -1024 to 3071 is exact enough and fast.
  std::vector<float> muOfHu(4096);
  for (int h = 0; h < 4096; ++h) muOfHu[static_cast<size_t>(h)] = static_cast<float>(attenuationPerMmFromHu(h - 1024, tubeKv));
  auto mu = [&](float hu) { return muOfHu[static_cast<size_t>(std::clamp(static_cast<int>(std::lround(hu)) + 1024, 0, 4095))]; };
  std::vector<float> hu = ct.hu;
  for (int k = 0; k < ct.nz; ++k) {
    const cv::Mat body = largestRegion(filled(sliceMask(ct, k, [&](size_t i) { return ct.hu[i] > kBodyHu; })));
    cv::Mat spine = sliceMask(ct, k, [&](size_t i) { return ct.labels[i] != 0; });
    cv::dilate(spine, spine, cv::Mat(), {-1, -1}, 2);
    // Enhanced regions outside the spine: bone keeps its value, enhanced soft tissue goes back.
    const cv::Mat bright = sliceMask(ct, k, [&](size_t i) { return hu[i] > kEnhancedHu; }) & body & ~spine;
    cv::Mat regions;
    const int n = cv::connectedComponents(bright, regions, 8, CV_32S);
    std::vector<int> count(static_cast<size_t>(n), 0), cortex(static_cast<size_t>(n), 0);
    for (int j = 0; j < ct.ny; ++j) {
      for (int i = 0; i < ct.nx; ++i) {
        const int r = regions.at<int>(j, i);
        if (r == 0) continue;
        ++count[static_cast<size_t>(r)];
        if (hu[ct.index(i, j, k)] > kCortexHu) ++cortex[static_cast<size_t>(r)];
      }
    }
    for (int j = 0; j < ct.ny; ++j) {
      for (int i = 0; i < ct.nx; ++i) {
        const size_t v = ct.index(i, j, k);
        const int r = regions.at<int>(j, i);
        if (r > 0 && cortex[static_cast<size_t>(r)] < kCortexFraction * count[static_cast<size_t>(r)]) {
          hu[v] = kBloodAsTissueHu;
          ++bloodVoxels_;
        }
        float* out = volume_.values.data() + v * 2;
        if (!body.at<uint8_t>(j, i)) continue;  // air, couch, objects beside the patient
        const bool gas = hu[v] < kGasHu && ct.lpsOf(i, j, k).z < t12Z;
        if (gas) {
          out[0] = water;
          out[1] = water - mu(hu[v]);
          ++gasVoxels_;
        } else {
          out[0] = mu(hu[v]);
        }
      }
    }
  }
  return core::Status::ok();
}

core::Status CtPatient::findLandmarks(const CtVolume& ct) {
  std::map<int, std::vector<size_t>> voxels;
  for (size_t v = 0; v < ct.labels.size(); ++v) {
    if (!ctVertebraName(ct.labels[v]).empty()) voxels[ct.labels[v]].push_back(v);
  }
  if (voxels.empty()) {
    return core::Status::error(core::StatusCode::Corrupt, "the CT's label map names no vertebra");
  }
  std::vector<size_t> sizes;
  for (const auto& [label, list] : voxels) sizes.push_back(list.size());
  std::sort(sizes.begin(), sizes.end());
  const size_t median = sizes[sizes.size() / 2];
  auto position = [&](size_t v) {
    const int i = static_cast<int>(v % ct.nx), j = static_cast<int>((v / ct.nx) % ct.ny),
              k = static_cast<int>(v / (static_cast<size_t>(ct.nx) * ct.ny));
    return ct.lpsOf(i, j, k);
  };
  const double half = ct.voxelSizeMm() / 2;
  std::vector<Measured> found;  // head to feet
  for (int label = 33; label >= 26; --label) {
    auto it = voxels.find(label);
    if (it == voxels.end() || it->second.size() < median * 3 / 10) continue;  // partial (T11 here)
    Measured m;
    m.name = ctVertebraName(label);
    std::vector<size_t> list = it->second;
    // The canal: the hole the label encloses, slice by slice.
    int k0 = ct.nz, k1 = -1;
    for (size_t v : list) {
      const int k = static_cast<int>(v / (static_cast<size_t>(ct.nx) * ct.ny));
      k0 = std::min(k0, k);
      k1 = std::max(k1, k);
    }
    core::Vec3 sum;
    int holes = 0;
    double minX = 1e30, maxX = -1e30, minY = 1e30, maxY = -1e30;
    for (int k = k0; k <= k1; ++k) {
      const cv::Mat mask = sliceMask(ct, k, [&](size_t v) { return ct.labels[v] == label; });
      const cv::Mat hole = filled(mask) & ~mask;
      cv::Mat regions, stats, centroids;
      const int n = cv::connectedComponentsWithStats(hole, regions, stats, centroids, 4, CV_32S);
      for (int r = 1; r < n; ++r) {
        const int area = stats.at<int>(r, cv::CC_STAT_AREA);
        if (area < 4 || area > 200) continue;  // a canal is 1-3 cm across
        for (int j = 0; j < ct.ny; ++j) {
          for (int i = 0; i < ct.nx; ++i) {
            if (regions.at<int>(j, i) != r) continue;
            const core::Vec3 p = ct.lpsOf(i, j, k);
            sum = sum + p;
            ++holes;
            minX = std::min(minX, p.x);
            maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y);
            maxY = std::max(maxY, p.y);
          }
        }
      }
    }
    if (holes > 0) {
      m.canal = true;
      m.canalCentre = sum * (1.0 / holes);
      m.canalPosteriorY = maxY + half;
      m.canalAnteriorY = minY - half;
      m.canalHalfWidth = (maxX - minX) / 2 + half;
    }
    // The body: the part of the label in front of the canal (or the front 60 % without one).
    double ymin = 1e30, ymax = -1e30;
    for (size_t v : list) {
      ymin = std::min(ymin, position(v).y);
      ymax = std::max(ymax, position(v).y);
    }
    const double front = m.canal ? m.canalAnteriorY : ymin + 0.6 * (ymax - ymin);
    // The body's middle: in front of the canal and within 18 mm of the midline (no transverse
    // processes, rib heads or sacral alae).
    double midX = m.canalCentre.x;
    if (!m.canal) {
      midX = 0;
      for (size_t v : list) midX += position(v).x;
      midX /= static_cast<double>(list.size());
    }
    std::erase_if(list, [&](size_t v) {
      const core::Vec3 p = position(v);
      return p.y > front || std::abs(p.x - midX) > 18;
    });
    if (label == 26) {  // the sacrum: the S1 body is the top 30 mm of its front part
      double top = -1e30;
      for (size_t v : list) top = std::max(top, position(v).z);
      std::erase_if(list, [&](size_t v) { return position(v).z < top - 30; });
    }
    core::Vec3 body;
    int bodyCount = 0;
    m.bodyTopZ = -1e30;
    m.bodyBottomZ = 1e30;
    for (size_t v : list) {
      const core::Vec3 p = position(v);
      body = body + p;
      ++bodyCount;
      m.bodyTopZ = std::max(m.bodyTopZ, p.z + half);
      m.bodyBottomZ = std::min(m.bodyBottomZ, p.z - half);
    }
    if (bodyCount == 0) continue;
    m.body = body * (1.0 / bodyCount);
    if (!m.canal) {
      m.canalCentre = {m.body.x, ymax - 0.25 * (ymax - ymin), m.body.z};
      m.canalPosteriorY = m.canalCentre.y + 8;
      m.canalAnteriorY = m.canalCentre.y - 8;
      m.canalHalfWidth = 11;
    }
    found.push_back(m);
    vertebrae_.push_back({m.name, m.body});
  }
  for (size_t a = 0; a + 1 < found.size(); ++a) {
    const Measured& up = found[a];
    const Measured& down = found[a + 1];
    const std::string lower = down.name == "S1" ? "S1" : down.name.substr(1);
    const double discZ = (up.bodyBottomZ + down.bodyTopZ) / 2;
    const double canalX = (up.canalCentre.x + down.canalCentre.x) / 2;
    // From the canal's centre at the disc's height, backwards until bone (or the canal's back
    // wall): the target is one voxel in front of it, in the posterior epidural space.
    const core::Vec3 centre{(up.canalCentre.x + down.canalCentre.x) / 2, (up.canalCentre.y + down.canalCentre.y) / 2,
                            (up.bodyBottomZ + down.bodyTopZ) / 2};
    const double wall = (up.canalPosteriorY + down.canalPosteriorY) / 2;
    double back = centre.y;
    for (double y = centre.y; y <= wall + 6; y += 0.5) {
      const core::Vec3 q = ct.voxelOf({centre.x, y, centre.z});
      const int i = static_cast<int>(std::lround(q.x)), j = static_cast<int>(std::lround(q.y)),
                k = static_cast<int>(std::lround(q.z));
      if (i < 0 || j < 0 || k < 0 || i >= ct.nx || j >= ct.ny || k >= ct.nz) break;
      const size_t v = ct.index(i, j, k);
      if (ct.labels[v] != 0 || ct.hu[v] > 250) break;
      back = y;
    }
    const double posterior = std::max(centre.y, back - ct.voxelSizeMm());
    const double bodyBack = (up.canalAnteriorY + down.canalAnteriorY) / 2;
    const double halfWidth = (up.canalHalfWidth + down.canalHalfWidth) / 2;
    Interspace level;
    level.label = up.name + "-" + lower;
    level.posteriorEpiduralMm = {canalX, posterior, discZ};
    level.leftForamenMm = {canalX + halfWidth + 7, bodyBack + 3, discZ + 4};
    level.rightForamenMm = {canalX - halfWidth - 7, bodyBack + 3, discZ + 4};
    level.isocentreMm = {canalX, (up.body.y + down.body.y) / 2, discZ};
    interspaces_.push_back(level);
  }
  if (interspaces_.empty()) {
    return core::Status::error(core::StatusCode::Corrupt, "the CT's label map has no two adjacent vertebrae");
  }
  return core::Status::ok();
}

bool CtPatient::scannedBox(core::Vec3& lo, core::Vec3& hi) const {
  lo = {1e30, 1e30, 1e30};
  hi = {-1e30, -1e30, -1e30};
  for (int corner = 0; corner < 8; ++corner) {
    const core::Vec3 p = volume_.voxelToLps * core::Vec3{(corner & 1) ? volume_.nx - 1.0 : 0.0,
                                                         (corner & 2) ? volume_.ny - 1.0 : 0.0,
                                                         (corner & 4) ? volume_.nz - 1.0 : 0.0} +
                         volume_.originLps;
    lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z)};
    hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
  }
  return true;
}

int CtPatient::phaseAt(double timeS) const {
  // Back and forth through the positions: the gas drifts, then drifts back.
  const int step = static_cast<int>(std::floor(std::max(timeS, 0.0) / kGasPhaseS)) % (2 * (kGasPhases - 1));
  return step < kGasPhases ? step : 2 * (kGasPhases - 1) - step;
}

void CtPatient::project(const Projector& projector, const core::RigidTransform& motion, int phase, bool quick,
                        std::span<float> muL) {
  const core::CarmGeometry& g = projector.geometry();
  if (castFor_ != &projector || castQuick_ != quick || !core::nearlyEqual(castMotion_, motion)) {
    cast_ = castRays(volume_, g, motion, nodeStepPx(g, volume_.smallestSpacingMm(), quick ? 2 : 1));
    castFor_ = &projector;
    castMotion_ = motion;
    castQuick_ = quick;
  }
  // The gas, displaced by a smooth field that differs across the abdomen, then off the tissue.
  const int w = cast_.width, h = cast_.height;
  cv::Mat gas(h, w, CV_32FC1), mapX(h, w, CV_32FC1), mapY(h, w, CV_32FC1);
  const double shiftNodes = kGasShiftMm / g.isocentrePixelMm() / cast_.stepPx;
  const double wavelengthNodes = 60.0 / g.isocentrePixelMm() / cast_.stepPx;
  const double phi = M_PI * std::clamp(phase, 0, kGasPhases - 1) / (kGasPhases - 1);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      gas.at<float>(y, x) = cast_.muL[(static_cast<size_t>(y) * w + x) * 2 + 1];
      const double ax = 2 * M_PI * x / wavelengthNodes, ay = 2 * M_PI * y / wavelengthNodes;
      mapX.at<float>(y, x) = static_cast<float>(x + shiftNodes * (std::sin(phi + ay) - std::sin(ay)));
      mapY.at<float>(y, x) = static_cast<float>(y + shiftNodes * (std::cos(phi * 0.7 + ax) - std::cos(ax)));
    }
  }
  cv::Mat moved;
  cv::remap(gas, moved, mapX, mapY, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  CoarseProjection net;
  net.width = w;
  net.height = h;
  net.stepPx = cast_.stepPx;
  net.channels = 1;
  net.muL.resize(static_cast<size_t>(w) * h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const size_t n = static_cast<size_t>(y) * w + x;
      net.muL[n] = std::max(0.0f, cast_.muL[n * 2] - moved.at<float>(y, x));
    }
  }
  upsampleChannel(net, 0, projector.width(), projector.height(), muL);
}

}  // namespace fg::sim
