#pragma once
// A FrameSequence as a FrameSource. Straight through (headless, bench): frames in order, paced by
// the capture thread at the sequence's mean frame period, then end of stream. Interactive (the
// window): the user plays, pauses, steps and seeks through playback(); read() waits for the next
// frame due and never ends the stream (it holds the last frame). Either way one frame is read at a
// time, so memory does not grow with the sequence's length.

#include <memory>

#include "capture/FrameSequence.hpp"
#include "capture/FrameSource.hpp"
#include "capture/SourceOptions.hpp"

namespace fg::capture {

// `kind` for the SourceInfo; the rest comes from the sequence and `options`.
core::Result<std::unique_ptr<FrameSource>> makePlaybackSource(
    std::unique_ptr<FrameSequence> sequence, SourceKind kind, const SourceOptions& options);

}  // namespace fg::capture
