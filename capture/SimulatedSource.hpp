#pragma once
// The simulated patient as an ordinary FrameSource: frames at the scenario's pulse rate, stamped
// with the scenario time as device time (the key to the ground truth of each frame).

#include <filesystem>
#include <memory>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::capture {

core::Result<std::unique_ptr<FrameSource>> openScenario(const std::filesystem::path& path,
                                                        const SourceOptions& options);
std::unique_ptr<FrameSource> makeSimulatedSource(std::unique_ptr<sim::SimulatedPatient> patient,
                                                 const SourceOptions& options);

}  // namespace fg::capture
