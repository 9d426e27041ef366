#include "sim/GroundTruth.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

namespace fg::sim {
namespace {

nlohmann::json vec(const core::Vec3& v) { return {v.x, v.y, v.z}; }

}  // namespace

core::Status writeGroundTruth(const SimulatedPatient& patient, int frameCount, const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir / "masks", ec);
  std::ofstream out(dir / "truth.jsonl", std::ios::trunc);
  if (!out) return core::Status::error(core::StatusCode::Io, "cannot write " + (dir / "truth.jsonl").string());
  std::vector<uint8_t> mask;
  for (int i = 0; i < frameCount; ++i) {
    const FrameTruth t = patient.truth(i);
    // timeNs equals the device time the source stamps on the frame showing this pulse: match on
    // it. frameId is right whenever every pulse became one frame (detector output, or a video
    // feed with its repeats skipped).
    nlohmann::json line = {{"frameId", i + 1}, {"index", i}, {"timeS", t.timeS},
                           {"timeNs", std::llround(t.timeS * 1e9)}};
    if (t.needleVisible) {
      line["needle"] = {{"tipPx", {t.tipXPx, t.tipYPx}},
                        {"tipInField", t.tipInField},
                        {"axisPx", {t.axisXPx, t.axisYPx}},
                        {"tipMm", vec(t.tipMm)},
                        {"axisMm", vec(t.axisMm)}};
    } else {
      line["needle"] = nullptr;
    }
    nlohmann::json vertebrae = nlohmann::json::array();
    for (const auto& v : t.vertebrae) {
      vertebrae.push_back({{"label", v.label}, {"centerPx", {v.xPx, v.yPx}}, {"centerMm", vec(v.centerMm)}});
    }
    line["vertebrae"] = vertebrae;
    const auto& r = t.motion.rotation.m;
    line["motion"] = {{"rotation", {r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]}},
                      {"translationMm", vec(t.motion.translation)}};
    line["contrast"] = {{"ml", t.contrastMl}, {"pattern", std::string(toString(t.pattern))}};
    if (t.contrastMl > 0) {
      patient.contrastMask(i, mask);
      char name[40];
      std::snprintf(name, sizeof name, "masks/mask-%06d.png", i + 1);
      const cv::Mat image(patient.scenario().pose.detectorRows, patient.scenario().pose.detectorColumns, CV_8UC1,
                          mask.data());
      if (!cv::imwrite((dir / name).string(), image)) {
        return core::Status::error(core::StatusCode::Io, "cannot write " + (dir / name).string() + " (disk full?)");
      }
      line["contrast"]["mask"] = name;
      // The video feed places the detector image inside a larger picture, scaled when the
      // detector is taller than the signal: frame px = offset + (mask px + 0.5) * scale - 0.5.
      line["contrast"]["maskOffsetPx"] = patient.maskOffsetPx();
      line["contrast"]["maskScale"] = patient.maskScale();
    }
    out << line.dump() << '\n';
  }
  out.flush();
  if (!out) return core::Status::error(core::StatusCode::Io, "cannot write " + (dir / "truth.jsonl").string() + " (disk full?)");
  return core::Status::ok();
}

}  // namespace fg::sim
