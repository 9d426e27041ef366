#include "capture/SimulatedSource.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fg::capture {
namespace {

class SimulatedSource final : public FrameSource {
 public:
  SimulatedSource(std::unique_ptr<sim::SimulatedPatient> patient, const SourceOptions& options)
      : patient_(std::move(patient)) {
    const auto& scenario = patient_->scenario();
    video_ = scenario.output == sim::SimOutput::Video;
    // A video feed refreshes faster than the pulses: the image repeats in between, as on a
    // frame grabber.
    refreshHz_ = video_ ? scenario.videoRefreshHz : scenario.pulsesPerSecond;
    info_.kind = SourceKind::Simulation;
    info_.description = "Simulated: " + scenario.name;
    info_.format = patient_->format();
    info_.framePeriodNs = static_cast<int64_t>(1e9 / refreshHz_);
    info_.pacing = options.pacing == Pacing::Invalid ? Pacing::FramePeriod : options.pacing;
    info_.frameCount = static_cast<int64_t>(scenario.durationS * refreshHz_);
    info_.deliversRepeats = video_;
    if (video_) image_.resize(info_.format.byteCount());
  }
  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }
  ReadResult read(std::span<uint8_t> into) override {
    if (next_ >= info_.frameCount) return {ReadStatus::EndOfStream, core::kNoTimeNs};
    // The frame grabber misses an occasional refresh (the chain's dropped frames): that refresh's
    // period passes with no image, so the stream keeps the monitor's time.
    if (patient_->dropsRefresh(next_)) {
      ++next_;
      return {ReadStatus::NotReady, core::kNoTimeNs};
    }
    const double refreshTimeS = next_ / refreshHz_;
    // The pulse on screen at this refresh (a small epsilon keeps exact multiples on their pulse).
    const int pulse = std::min(patient_->frameCount() - 1,
                               static_cast<int>(std::floor(refreshTimeS * patient_->scenario().pulsesPerSecond + 1e-9)));
    if (!video_) {
      patient_->renderFrame(pulse, into);
    } else {
      if (pulse != lastPulse_) patient_->renderFrame(pulse, image_);
      lastPulse_ = pulse;
      std::copy(image_.begin(), image_.end(), into.begin());
      patient_->stampTimer(refreshTimeS, into);
    }
    ++next_;
    // Device time is the pulse's time: the key to the ground truth of the image.
    return {ReadStatus::Frame, std::llround(patient_->frameTimeS(pulse) * 1e9)};
  }
  core::Status rewind() override {
    next_ = 0;
    lastPulse_ = -1;
    return core::Status::ok();
  }

 private:
  std::unique_ptr<sim::SimulatedPatient> patient_;
  SourceInfo info_;
  std::string error_;
  bool video_ = false;
  double refreshHz_ = 1;
  int64_t next_ = 0;
  int lastPulse_ = -1;
  std::vector<uint8_t> image_;  // video: the current pulse's picture, repeated until the next
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
