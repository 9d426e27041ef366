#pragma once
// A simulated scenario as a sequence of frames on the calling thread, for the evaluations and
// the bench: load by name ("l4-5-interlaminar-epidural"), then frame(i) renders pulse i stamped
// with its id (i + 1) and its device time.

#include <memory>
#include <string>

#include "core/FramePool.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::app {

class SimulatedRun {
 public:
  static core::Result<std::unique_ptr<SimulatedRun>> open(const std::string& scenarioName);
  static core::Result<std::unique_ptr<SimulatedRun>> open(const sim::Scenario& scenario);
  int frameCount() const { return patient_->frameCount(); }
  core::FrameRef frame(int index);
  sim::SimulatedPatient& patient() { return *patient_; }
  const sim::Scenario& scenario() const { return patient_->scenario(); }

 private:
  SimulatedRun(std::unique_ptr<sim::SimulatedPatient> patient);
  std::unique_ptr<sim::SimulatedPatient> patient_;
  core::FrameFormat format_;
  core::FramePool pool_;
};

}  // namespace fg::app
