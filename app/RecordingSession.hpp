#pragma once
// Recording in the window: runs of the live stream into the case folder (runs/run-001, ...), by
// a key or button, or automatically while the beam is on. Each run, once stopped, is exported in
// the background as run.dcm (multi-frame secondary capture with the case's patient and study),
// run.mp4 and run.seq.mha (3D Slicer), so stopping never holds up the screen. Main thread only,
// except the threads it owns.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/FrameHub.hpp"
#include "procedure/CaseFiles.hpp"
#include "record/Recorder.hpp"

namespace fg::app {

class RecordingSession {
 public:
  explicit RecordingSession(const core::FrameHub& hub) : hub_(hub) {}
  ~RecordingSession();

  // Starts a new run from the next frame captured; error when it cannot (named).
  core::Status start(const std::filesystem::path& caseDir);
  // Stops and exports the run in the background with `info` (patient, study) and `conversionType`.
  void stop(const procedure::CaseInfo& info, const std::string& conversionType);
  bool recording() const { return recorder_ != nullptr; }
  record::RecorderStats stats() const;
  const std::filesystem::path& runDir() const { return runDir_; }
  // What the last export did ("run-002: 40 frames; run.dcm, run.mp4, run.seq.mha", errors named).
  std::string exportStatus() const;
  // The automatic mode: record while the beam is on (new images arriving), stop when it is off.
  bool automatic = false;
  // Also export run-overlays.mp4: the run analysed again with the guidance drawn in (teaching).
  bool overlayVideo = false;

 private:
  const core::FrameHub& hub_;
  std::unique_ptr<record::Recorder> recorder_;
  std::filesystem::path runDir_;
  mutable std::mutex mutex_;
  std::string exportStatus_;  // guarded by mutex_
  std::jthread exporter_;
};

}  // namespace fg::app
