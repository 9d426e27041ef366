#include "capture/RunReplaySource.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "capture/PlaybackSource.hpp"
#include "record/CineRun.hpp"

namespace fg::capture {
namespace fs = std::filesystem;
namespace {

bool isRunFolder(const fs::path& folder) {
  std::error_code ec;
  return fs::exists(folder / record::kIndexFileName, ec);
}

// The run folders in `folder`, in recording order.
std::vector<fs::path> runFoldersOf(const fs::path& folder) {
  if (isRunFolder(folder)) return {folder};
  std::vector<fs::path> runs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder / "runs", ec)) {
    if (entry.path().filename().string().rfind("run-", 0) == 0 && isRunFolder(entry.path()))
      runs.push_back(entry.path());
  }
  std::sort(runs.begin(), runs.end());
  if (isRunFolder(folder / "run")) runs.push_back(folder / "run");
  return runs;
}

class RecordedRuns final : public FrameSequence {
 public:
  const core::FrameFormat& format() const override { return format_; }
  size_t frameCount() const override { return frames_.size(); }
  int64_t frameTimeNs(size_t index) const override { return frame(index).deviceNs; }
  const ReplayTimeline& timeline() const override { return timeline_; }
  const std::string& description() const override { return description_; }
  core::Status readFrame(size_t index, std::span<uint8_t> into) override {
    if (index >= frames_.size() || into.size() < format_.byteCount())
      return core::Status::error(core::StatusCode::OutOfRange,
                                 "replay: no frame " + std::to_string(index));
    const auto [run, inRun] = frames_[index];
    return runs_[run]->readPixels(inRun, into.data());
  }

  // Adds a run; error when its format differs from the runs before it.
  core::Status add(std::unique_ptr<record::CineRun> run, const std::string& name) {
    const auto& frames = run->frames();
    if (frames.empty()) return core::Status::ok();
    const core::FrameFormat& expected = frames_.empty() ? frames.front().format : format_;
    // How the values relate to the X-rays may be unsaid in an older run: runs that differ only in
    // that are one timeline, and the guidance measures it (Unknown) instead of taking either's.
    const auto withoutEncoding = [](core::FrameFormat f) {
      f.intensity = core::PixelIntensity::Unknown;
      f.displayGamma = 0;
      return f;
    };
    bool encodingsDiffer = false;
    for (const auto& f : frames) {
      if (!(withoutEncoding(f.format) == withoutEncoding(expected)))
        return core::Status::error(core::StatusCode::Unsupported,
                                   name + ": frame " + std::to_string(f.id) +
                                       " has another size, depth, spacing or orientation than the frames before it");
      encodingsDiffer = encodingsDiffer || f.format.intensity != expected.intensity ||
                        f.format.displayGamma != expected.displayGamma;
    }
    if (frames_.empty()) format_ = frames.front().format;
    if (encodingsDiffer) format_ = withoutEncoding(format_);
    timeline_.segments.push_back({name, frames_.size(), frames.size()});
    for (size_t i = 0; i < frames.size(); ++i) {
      frames_.push_back({runs_.size(), i});
      timeline_.frameIds.push_back(frames[i].id);
    }
    runs_.push_back(std::move(run));
    description_ =
        "Replay: " + (runs_.size() == 1 ? name : std::to_string(runs_.size()) + " runs") + " (" +
        std::to_string(frames_.size()) + " frames)";
    return core::Status::ok();
  }

 private:
  const record::CineFrame& frame(size_t index) const {
    const auto [run, inRun] = frames_[index];
    return runs_[run]->frames()[inRun];
  }
  std::vector<std::unique_ptr<record::CineRun>> runs_;
  std::vector<std::pair<size_t, size_t>> frames_;  // (run, frame in run) per timeline index
  core::FrameFormat format_;
  ReplayTimeline timeline_;
  std::string description_;
};

}  // namespace

bool holdsRecordedRun(const fs::path& folder) { return !runFoldersOf(folder).empty(); }

core::Result<std::unique_ptr<FrameSequence>> openRecordedRuns(const fs::path& folder) {
  auto runs = std::make_unique<RecordedRuns>();
  std::optional<core::Status> firstDamage;
  for (const fs::path& runFolder : runFoldersOf(folder)) {
    const std::string name = runFolder.filename().string();
    auto run = record::CineRun::open(runFolder);
    if (!run) {
      spdlog::warn("replay: {} left out: {}", name, run.status().message());
      if (!firstDamage) firstDamage = run.status();
      continue;
    }
    if (!run.value()->recovered().empty())
      spdlog::warn("replay: {}: {}", name, run.value()->recovered());
    if (auto status = runs->add(std::move(run.value()), name); !status) return status;
  }
  if (runs->frameCount() == 0 && firstDamage) return *firstDamage;
  if (runs->frameCount() == 0)
    return core::Status::error(core::StatusCode::NotFound,
                               "no recorded frame in " + folder.string());
  return std::unique_ptr<FrameSequence>(std::move(runs));
}

core::Result<std::unique_ptr<FrameSource>> openRunReplay(const fs::path& folder,
                                                         const SourceOptions& options) {
  auto runs = openRecordedRuns(folder);
  if (!runs) return runs.status();
  return makePlaybackSource(std::move(runs.value()), SourceKind::Replay, options);
}

}  // namespace fg::capture
