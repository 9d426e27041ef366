#pragma once
// A FrameSource delivers images one at a time into memory the capture thread owns. Sources copy
// out of their driver or decoder buffer at once, so nothing downstream points into a driver.

#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "core/Clock.hpp"
#include "core/FrameFormat.hpp"
#include "core/Status.hpp"

namespace fg::capture {

class PlaybackControl;

enum class Pacing : uint8_t {
  Invalid = 0,
  SourceBlocks,      // read() waits for the device (a live grabber sets its own cadence)
  FramePeriod,       // the capture thread waits one frame period between reads (files, simulation)
  AsFastAsPossible,  // no waiting at all (benchmarks, conversions)
};

enum class SourceKind : uint8_t { Invalid = 0, TestPattern, Simulation, VideoFile, ImageFolder, V4l2, Replay };

struct SourceInfo {
  SourceKind kind = SourceKind::Invalid;
  std::string description;     // for the status bar and logs; never patient data
  core::FrameFormat format;    // fixed from open() on
  int64_t framePeriodNs = 0;   // nominal; 0 when unknown
  Pacing pacing = Pacing::Invalid;
  bool canReopen = false;      // a live device that may come back after being lost
  int64_t frameCount = -1;     // frames in a finite source, -1 when endless or unknown
  bool deliversRepeats = false;  // a video signal that repeats the image between X-ray pulses
};

enum class ReadStatus : uint8_t {
  Invalid = 0,
  Frame,        // `into` holds a new image
  NotReady,     // nothing yet (device timeout); try again
  EndOfStream,  // a finite source is exhausted; rewind() starts it again
  Failed,       // device lost or data corrupt; lastError() says what
};

struct ReadResult {
  ReadStatus status = ReadStatus::Invalid;
  int64_t deviceNs = core::kNoTimeNs;  // the source's own time for the image, if it has one
  bool jumped = false;  // this image does not follow the last one delivered (a seek, a loop)
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  virtual const SourceInfo& info() const = 0;
  // Writes exactly info().format.byteCount() bytes into `into` when it returns Frame.
  virtual ReadResult read(std::span<uint8_t> into) = 0;
  // Message for the last Failed read, naming the source.
  virtual const std::string& lastError() const = 0;
  // Back to the first frame (finite sources); an error for live devices.
  virtual core::Status rewind();
  // Reopen after Failed (live devices); the format must stay the same.
  virtual core::Status reopen();
  // The user's hold on an interactive replay (play, pause, seek); null for live sources.
  virtual std::shared_ptr<PlaybackControl> playback() const { return nullptr; }
};

}  // namespace fg::capture
