#pragma once
// Replay of a recorded run (record/CineRun) as an ordinary source, so the whole pipeline -
// display, guidance, recording - runs on it as on live images. Frames are read from the disk one
// at a time (memory does not grow with the loop's length), with the times they were recorded
// with; the capture thread paces them at the run's mean frame period. A case folder opens its
// recorded run ("run" inside it).

#include <filesystem>
#include <memory>

#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

// True when `folder` holds a recorded run, or is a case folder with one.
bool holdsRecordedRun(const std::filesystem::path& folder);

core::Result<std::unique_ptr<FrameSource>> openRunReplay(const std::filesystem::path& folder,
                                                         const SourceOptions& options);

}  // namespace fg::capture
