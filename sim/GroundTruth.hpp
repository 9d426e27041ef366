#pragma once
// Ground truth of a simulated run, next to its frames: truth.jsonl with one JSON line per frame
// (frame id and index, time, needle tip and axis in px and mm, each vertebra's label and centre in
// px and mm, the patient motion, contrast volume and pattern, and the contrast mask file), and a
// PNG mask (255 = contrast) for every frame that has contrast in it.

#include <filesystem>

#include "core/Status.hpp"
#include "sim/SimulatedPatient.hpp"

namespace fg::sim {

// One line per X-ray pulse; match frames on timeNs (= the frame's device time).
core::Status writeGroundTruth(const SimulatedPatient& patient, int frameCount, const std::filesystem::path& dir);

}  // namespace fg::sim
