#pragma once
// Frames that can be read in any order: a recorded run, the runs of a case, a DICOM cine. A
// PlaybackSource turns one into a FrameSource, played straight through (headless, bench) or under
// the user's control (play, pause, step, seek; PlaybackControl).

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/FrameFormat.hpp"
#include "core/Status.hpp"

namespace fg::capture {

// What the timeline shows besides the frames: the recorded runs (segments) and each frame's
// capture id, which the procedure journal's step markers refer to.
struct ReplayTimeline {
  struct Segment {
    std::string name;  // "run-002"
    size_t firstIndex = 0, frameCount = 0;
  };
  std::vector<Segment> segments;
  std::vector<uint64_t> frameIds;  // per frame; empty when the frames carry none (DICOM, video)
};

class FrameSequence {
 public:
  virtual ~FrameSequence() = default;
  virtual const core::FrameFormat& format() const = 0;
  virtual size_t frameCount() const = 0;
  // When frame `index` was taken, ns on the sequence's own clock (increasing within a segment).
  virtual int64_t frameTimeNs(size_t index) const = 0;
  // Frame `index` into `into` (format().byteCount() bytes). Errors name the file and the frame.
  virtual core::Status readFrame(size_t index, std::span<uint8_t> into) = 0;
  virtual const ReplayTimeline& timeline() const = 0;
  // What is replayed, for the status bar and logs ("Replay: 2 runs (300 frames)"); never patient
  // data.
  virtual const std::string& description() const = 0;
  // How many frames are ready to show at once (a decoding cache fills over time); null when all
  // of them always are.
  virtual std::shared_ptr<const std::atomic<size_t>> framesPrepared() const { return nullptr; }
};

}  // namespace fg::capture
