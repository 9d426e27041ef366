#include "app/SimulatedRun.hpp"

#include "app/AssetPaths.hpp"

namespace fg::app {

SimulatedRun::SimulatedRun(std::unique_ptr<sim::SimulatedPatient> patient)
    : patient_(std::move(patient)), format_(patient_->format()), pool_(2, format_.byteCount()) {}

core::Result<std::unique_ptr<SimulatedRun>> SimulatedRun::open(const std::string& scenarioName) {
  auto scenario = sim::loadScenario(resolveSourceSpec("sim:" + scenarioName));
  if (!scenario) return scenario.status();
  return open(scenario.value());
}

core::Result<std::unique_ptr<SimulatedRun>> SimulatedRun::open(const sim::Scenario& scenario) {
  auto created = sim::SimulatedPatient::create(scenario);
  if (!created) return created.status();
  return std::unique_ptr<SimulatedRun>(new SimulatedRun(std::move(created.value())));
}

core::FrameRef SimulatedRun::frame(int index) {
  auto writer = pool_.acquire();
  writer.setFormat(format_);
  patient_->renderFrame(index, writer.bytes());
  const auto timeNs = static_cast<int64_t>(patient_->frameTimeS(index) * 1e9);
  writer.stamp(static_cast<uint64_t>(index + 1), timeNs, timeNs);
  return std::move(writer).publish();
}

}  // namespace fg::app
