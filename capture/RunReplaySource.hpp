#pragma once
// Replay of recorded runs (record/CineRun) as an ordinary source, so the whole pipeline - display,
// guidance, recording - runs on it as on live images. A run folder replays that run; a case
// folder replays all its runs (runs/run-001, run-002, ... and a headless "run") one after the
// other on one timeline, each frame with the time and capture id it was recorded with. Frames are
// read from the disk one at a time (memory does not grow with the loops' length).

#include <filesystem>
#include <memory>

#include "capture/FrameSequence.hpp"
#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

// True when `folder` holds a recorded run, or is a case folder with one.
bool holdsRecordedRun(const std::filesystem::path& folder);

// The runs in `folder` as one sequence. Error: no readable run with a frame, or runs of different
// formats (named). A damaged run among good ones is left out with a warning.
core::Result<std::unique_ptr<FrameSequence>> openRecordedRuns(const std::filesystem::path& folder);

core::Result<std::unique_ptr<FrameSource>> openRunReplay(const std::filesystem::path& folder,
                                                         const SourceOptions& options);

}  // namespace fg::capture
