#pragma once
// A recorded run as a teaching video with the guidance drawn in (run-overlays.mp4): every frame
// analysed again in order as it was live (guidance::FrameAnalysis: contrast from its own mask,
// the needle, the levels followed from the case's saved plan), drawn offscreen by the screen's GL
// pipeline (ImageRenderer and GuidanceView: the same overlays as the window) and written as H.264
// through FFmpeg. Runs on the calling thread with its own EGL context: call it off the UI thread.

#include <filesystem>
#include <optional>

#include "app/PlanFile.hpp"
#include "core/Status.hpp"
#include "record/CineRun.hpp"

namespace fg::app {

inline constexpr const char* kOverlayMp4FileName = "run-overlays.mp4";

// `plan`: the case's target, entry, calibration and level markers, when it has them.
core::Status exportOverlayMp4(const record::CineRun& run, const std::optional<SavedPlan>& plan,
                              const std::filesystem::path& file);

}  // namespace fg::app
