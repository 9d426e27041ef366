#pragma once
// Wiring of one live session: the source, the frame hub and the capture thread. The window, the
// headless mode and the bench each own one; switching source builds a new one.

#include <memory>
#include <string>

#include "capture/CaptureThread.hpp"
#include "capture/OpenSource.hpp"
#include "core/FrameHub.hpp"

namespace fg::app {

struct PipelineOptions {
  std::string sourceSpec;
  capture::SourceOptions source;
  capture::CaptureConfig capture;
  // History of every frame, for the recorder: about 8 s at 15 frames/s.
  size_t historyFrames = 120;
};

class LivePipeline {
 public:
  static core::Result<std::unique_ptr<LivePipeline>> open(const PipelineOptions& options,
                                                          core::Clock& clock);
  // For a source built by the caller (the bench's test patterns of other sizes).
  static std::unique_ptr<LivePipeline> create(std::unique_ptr<capture::FrameSource> source,
                                              const PipelineOptions& options, core::Clock& clock);
  void start() { capture_->start(); }
  void stop() { capture_->stop(); }

  core::FrameHub& hub() { return *hub_; }
  capture::CaptureThread& capture() { return *capture_; }
  const capture::SourceInfo& sourceInfo() const { return capture_->sourceInfo(); }
  const std::string& sourceSpec() const { return spec_; }

 private:
  std::string spec_;
  std::unique_ptr<core::FrameHub> hub_;
  std::unique_ptr<capture::CaptureThread> capture_;
};

}  // namespace fg::app
