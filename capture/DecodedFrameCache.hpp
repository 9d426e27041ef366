#pragma once
// Compressed cines decode at 40-140 ms a 1024x1024 frame on a small machine (JPEG-LS, JPEG 2000):
// too slow to scrub. A background thread decodes every frame once, starting where the user is
// and going on from there, into an unlinked temporary file readable only by its owner (it
// vanishes when closed, even after a crash); frames already there read back in well under a
// millisecond, the others are decoded on the spot. The two decoders are separate objects (the
// codec libraries are not shared between threads). Memory: two frames; disk: the decoded cine.

#include <atomic>
#include <memory>

#include "capture/FrameSequence.hpp"

namespace fg::capture {

// `onDemand` serves frames not yet decoded (on the caller's thread); `background` fills the
// cache. Both read the same frames. If no temporary file can be made the frames are decoded on
// demand only (said in the log).
std::unique_ptr<FrameSequence> cacheDecodedFrames(std::unique_ptr<FrameSequence> onDemand,
                                                  std::unique_ptr<FrameSequence> background);

}  // namespace fg::capture
