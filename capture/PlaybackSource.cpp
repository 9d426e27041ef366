#include "capture/PlaybackSource.hpp"

#include "capture/PlaybackControl.hpp"

namespace fg::capture {
namespace {
using namespace std::chrono_literals;
constexpr auto kLongestWait = 50ms;  // read() returns NotReady at least this often (stop requests)

class PlaybackSource final : public FrameSource {
 public:
  PlaybackSource(std::unique_ptr<FrameSequence> sequence, SourceInfo info,
                 std::shared_ptr<PlaybackControl> control)
      : sequence_(std::move(sequence)), info_(std::move(info)), control_(std::move(control)) {}
  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }
  std::shared_ptr<PlaybackControl> playback() const override { return control_; }
  core::Status rewind() override {
    next_ = 0;
    if (control_) control_->seek(0);
    return core::Status::ok();
  }
  ReadResult read(std::span<uint8_t> into) override {
    size_t index = next_;
    if (control_) {
      const auto due = control_->waitForNext(kLongestWait);
      if (!due) return {ReadStatus::NotReady};
      index = *due;
    } else if (index >= sequence_->frameCount()) {
      return {ReadStatus::EndOfStream};
    }
    if (auto status = sequence_->readFrame(index, into); !status) {
      error_ = status.message();
      return {ReadStatus::Failed};
    }
    const bool jumped = delivered_ && index != next_;
    delivered_ = true;
    next_ = index + 1;
    return {ReadStatus::Frame, sequence_->frameTimeNs(index), jumped};
  }

 private:
  std::unique_ptr<FrameSequence> sequence_;
  SourceInfo info_;
  std::shared_ptr<PlaybackControl> control_;
  size_t next_ = 0;
  bool delivered_ = false;
  std::string error_;
};

}  // namespace

core::Result<std::unique_ptr<FrameSource>> makePlaybackSource(
    std::unique_ptr<FrameSequence> sequence, SourceKind kind, const SourceOptions& options) {
  const size_t count = sequence->frameCount();
  if (count == 0)
    return core::Status::error(core::StatusCode::NotFound,
                               sequence->description() + " holds no frame");
  SourceInfo info;
  info.kind = kind;
  info.description = sequence->description();
  info.format = sequence->format();
  info.frameCount = static_cast<int64_t>(count);
  const double spanNs =
      static_cast<double>(sequence->frameTimeNs(count - 1) - sequence->frameTimeNs(0));
  info.framePeriodNs = count > 1 && spanNs > 0
                           ? static_cast<int64_t>(spanNs / static_cast<double>(count - 1))
                           : 66'666'667;
  if (options.framesPerSecond > 0)
    info.framePeriodNs = static_cast<int64_t>(1e9 / options.framesPerSecond);
  std::shared_ptr<PlaybackControl> control;
  if (options.interactive) {
    std::vector<int64_t> times(count);
    for (size_t i = 0; i < count; ++i) times[i] = sequence->frameTimeNs(i);
    control = std::make_shared<PlaybackControl>(std::move(times), sequence->timeline(),
                                                sequence->framesPrepared());
    info.pacing = Pacing::SourceBlocks;  // read() waits for the frame that is due
  } else {
    info.pacing = options.pacing != Pacing::Invalid ? options.pacing : Pacing::FramePeriod;
  }
  return std::unique_ptr<FrameSource>(
      new PlaybackSource(std::move(sequence), std::move(info), std::move(control)));
}

}  // namespace fg::capture
