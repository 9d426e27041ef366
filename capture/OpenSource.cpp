#include "capture/OpenSource.hpp"

#include <filesystem>

#include "capture/DicomCineSource.hpp"
#include "capture/ImageFolderSource.hpp"
#include "capture/RunReplaySource.hpp"
#include "capture/SimulatedSource.hpp"
#include "capture/TestPatternSource.hpp"
#include "capture/V4l2Source.hpp"
#include "capture/VideoFileSource.hpp"
#include "capture/VideoReplay.hpp"

namespace fg::capture {

bool isScenarioSpec(const std::string& spec) {
  return std::filesystem::path(spec).extension() == ".json";
}

core::Result<std::unique_ptr<FrameSource>> openSource(const std::string& spec,
                                                      const SourceOptions& options) {
  if (spec.empty() || spec == kTestPatternSpec) {
    TestPatternOptions pattern;
    pattern.frameCount = options.frameCount;
    if (options.framesPerSecond > 0) {
      pattern.framePeriodNs = static_cast<int64_t>(1e9 / options.framesPerSecond);
    }
    if (options.pacing != Pacing::Invalid) pattern.pacing = options.pacing;
    return makeTestPattern(pattern);
  }
  if (spec.rfind("v4l2:", 0) == 0) return openV4l2("/dev/video" + spec.substr(5), options);
  if (spec.rfind("/dev/", 0) == 0) return openV4l2(spec, options);
  std::error_code ec;
  if (std::filesystem::is_directory(spec, ec)) {
    // A recorded run (or a case folder holding one) replays; any other folder is images.
    if (holdsRecordedRun(spec)) return openRunReplay(spec, options);
    return openImageFolder(spec, options);
  }
  if (isScenarioSpec(spec)) return openScenario(spec, options);
  if (looksLikeDicom(spec)) return openDicomReplay(spec, options);
  // In the window a video is replayed (play, pause, seek); elsewhere it plays straight through.
  if (options.interactive) return openVideoReplay(spec, options);
  return openVideoFile(spec, options);
}

}  // namespace fg::capture
