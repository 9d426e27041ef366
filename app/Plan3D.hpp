#pragma once
// The plan set in 3D, for simulated cases: the anatomy's named points (each interspace's epidural
// space and foramina, the case's own needle entry and target), moved by any offset in patient mm,
// and projected through the simulated C-arm and the patient's motion onto the image shown, where
// they become the ordinary target and entry of the 2D plan.

#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/Frame.hpp"
#include "core/Status.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::app {

class Plan3D {
 public:
  // For a simulated source ("sim:NAME", a scenario .json, "simulated"); null for any other.
  static std::unique_ptr<Plan3D> forSource(const std::string& sourceSpec);

  const std::vector<sim::PlanPoint>& points() const { return points_; }
  // Where `patientMm` (LPS, before motion) lies in `frame` (px). Errors: the point is behind the
  // source, or outside the image.
  core::Result<cv::Point2d> project(const core::Vec3& patientMm, const core::Frame& frame) const;

 private:
  explicit Plan3D(std::unique_ptr<sim::SimulatedPatient> patient);
  std::unique_ptr<sim::SimulatedPatient> patient_;
  std::vector<sim::PlanPoint> points_;
};

}  // namespace fg::app
