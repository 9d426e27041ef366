#include "capture/SimulatedSource.hpp"

namespace fg::capture {
namespace {

class SimulatedSource final : public FrameSource {
 public:
  SimulatedSource(std::unique_ptr<sim::SimulatedPatient> patient, const SourceOptions& options)
      : patient_(std::move(patient)) {
    const auto& scenario = patient_->scenario();
    info_.kind = SourceKind::Simulation;
    info_.description = "Simulated: " + scenario.name;
    info_.format = patient_->format();
    info_.framePeriodNs = static_cast<int64_t>(1e9 / scenario.pulsesPerSecond);
    info_.pacing = options.pacing == Pacing::Invalid ? Pacing::FramePeriod : options.pacing;
    info_.frameCount = patient_->frameCount();
  }
  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }
  ReadResult read(std::span<uint8_t> into) override {
    if (next_ >= patient_->frameCount()) return {ReadStatus::EndOfStream, core::kNoTimeNs};
    patient_->renderFrame(next_, into);
    const int64_t deviceNs = static_cast<int64_t>(patient_->frameTimeS(next_) * 1e9 + 0.5);
    ++next_;
    return {ReadStatus::Frame, deviceNs};
  }
  core::Status rewind() override {
    next_ = 0;
    return core::Status::ok();
  }

 private:
  std::unique_ptr<sim::SimulatedPatient> patient_;
  SourceInfo info_;
  std::string error_;
  int next_ = 0;
};

}  // namespace

std::unique_ptr<FrameSource> makeSimulatedSource(std::unique_ptr<sim::SimulatedPatient> patient,
                                                 const SourceOptions& options) {
  return std::make_unique<SimulatedSource>(std::move(patient), options);
}

core::Result<std::unique_ptr<FrameSource>> openScenario(const std::filesystem::path& path,
                                                        const SourceOptions& options) {
  auto scenario = sim::loadScenario(path);
  if (!scenario) return scenario.status();
  auto patient = sim::SimulatedPatient::create(scenario.value());
  if (!patient) return patient.status();
  return makeSimulatedSource(std::move(patient.value()), options);
}

}  // namespace fg::capture
