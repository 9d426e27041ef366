#include "app/Plan3D.hpp"

#include <cmath>

#include "app/AssetPaths.hpp"
#include "sim/Scenario.hpp"

namespace fg::app {

Plan3D::Plan3D(std::unique_ptr<sim::SimulatedPatient> patient)
    : patient_(std::move(patient)), points_(patient_->planPoints()) {}

std::unique_ptr<Plan3D> Plan3D::forSource(const std::string& sourceSpec) {
  const std::string path = resolveSourceSpec(sourceSpec);
  if (path.size() < 5 || path.compare(path.size() - 5, 5, ".json") != 0) return nullptr;
  auto scenario = sim::loadScenario(path);
  if (!scenario) return nullptr;
  auto patient = sim::SimulatedPatient::create(scenario.value());
  if (!patient) return nullptr;
  return std::unique_ptr<Plan3D>(new Plan3D(std::move(patient.value())));
}

core::Result<cv::Point2d> Plan3D::project(const core::Vec3& patientMm,
                                          const core::Frame& frame) const {
  // The frame's place in the scenario (a looping source starts again at its end).
  const double timeS = static_cast<double>(frame.deviceNs()) / 1e9;
  const int count = std::max(1, patient_->frameCount());
  const int index =
      static_cast<int>(std::lround(timeS * patient_->scenario().pulsesPerSecond)) % count;
  const sim::ImagePoint p = patient_->project(patientMm, index);
  if (!p.inFront) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "the 3D point lies behind the X-ray source");
  }
  const auto& f = frame.format();
  if (p.xPx < 0 || p.yPx < 0 || p.xPx > f.width - 1 || p.yPx > f.height - 1) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "the 3D point projects outside the image");
  }
  return cv::Point2d(p.xPx, p.yPx);
}

}  // namespace fg::app
