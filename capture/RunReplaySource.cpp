#include "capture/RunReplaySource.hpp"

#include "record/CineRun.hpp"

namespace fg::capture {
namespace fs = std::filesystem;
namespace {

fs::path runFolderOf(const fs::path& folder) {
  std::error_code ec;
  if (fs::exists(folder / record::kIndexFileName, ec)) return folder;
  if (fs::exists(folder / "run" / record::kIndexFileName, ec)) return folder / "run";
  return {};
}

class RunReplaySource final : public FrameSource {
 public:
  RunReplaySource(std::unique_ptr<record::CineRun> run, SourceInfo info)
      : run_(std::move(run)), info_(std::move(info)) {}
  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }
  core::Status rewind() override {
    next_ = 0;
    return core::Status::ok();
  }
  ReadResult read(std::span<uint8_t> into) override {
    if (next_ >= run_->frames().size()) return {ReadStatus::EndOfStream};
    const record::CineFrame& f = run_->frames()[next_];
    if (!(f.format == info_.format) || into.size() < f.format.byteCount()) {
      error_ = info_.description + ": frame " + std::to_string(f.id) + " changes the run's format";
      return {ReadStatus::Failed};
    }
    if (auto status = run_->readPixels(next_, into.data()); !status) {
      error_ = status.message();
      return {ReadStatus::Failed};
    }
    ++next_;
    return {ReadStatus::Frame, f.deviceNs};
  }

 private:
  std::unique_ptr<record::CineRun> run_;
  SourceInfo info_;
  size_t next_ = 0;
  std::string error_;
};

}  // namespace

bool holdsRecordedRun(const fs::path& folder) { return !runFolderOf(folder).empty(); }

core::Result<std::unique_ptr<FrameSource>> openRunReplay(const fs::path& folder,
                                                         const SourceOptions& options) {
  const fs::path runFolder = runFolderOf(folder);
  if (runFolder.empty())
    return core::Status::error(core::StatusCode::NotFound, "no recorded run in " + folder.string());
  auto run = record::CineRun::open(runFolder);
  if (!run) return run.status();
  const auto& frames = run.value()->frames();
  if (frames.empty())
    return core::Status::error(core::StatusCode::NotFound, runFolder.string() + " holds no frame");
  SourceInfo info;
  info.kind = SourceKind::Replay;
  info.description = "Replay: " + runFolder.filename().string() + " (" +
                     std::to_string(frames.size()) + " frames)";
  info.format = frames.front().format;
  const double spanNs = static_cast<double>(frames.back().deviceNs - frames.front().deviceNs);
  info.framePeriodNs = frames.size() > 1 && spanNs > 0
                           ? static_cast<int64_t>(spanNs / static_cast<double>(frames.size() - 1))
                           : 66'666'667;
  if (options.framesPerSecond > 0)
    info.framePeriodNs = static_cast<int64_t>(1e9 / options.framesPerSecond);
  info.pacing = options.pacing != Pacing::Invalid ? options.pacing : Pacing::FramePeriod;
  info.frameCount = static_cast<int64_t>(frames.size());
  return std::unique_ptr<FrameSource>(new RunReplaySource(std::move(run.value()), std::move(info)));
}

}  // namespace fg::capture
