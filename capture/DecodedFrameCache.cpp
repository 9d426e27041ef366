#include "capture/DecodedFrameCache.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "core/PosixFile.hpp"

namespace fg::capture {
namespace {

// An unlinked temporary file, owner-only; -1 when none can be made.
int anonymousFile() {
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string name = (dir / "fluoroguide-cine-XXXXXX").string();
  fd = ::mkstemp(name.data());
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

class CachedSequence final : public FrameSequence {
 public:
  CachedSequence(std::unique_ptr<FrameSequence> onDemand, std::unique_ptr<FrameSequence> background,
                 int fd)
      : onDemand_(std::move(onDemand)),
        background_(std::move(background)),
        fd_(fd),
        frameBytes_(onDemand_->format().byteCount()),
        ready_(new std::atomic<bool>[onDemand_->frameCount()]),
        prepared_(std::make_shared<std::atomic<size_t>>(0)) {
    for (size_t i = 0; i < onDemand_->frameCount(); ++i) ready_[i] = false;
    worker_ = std::jthread([this](std::stop_token stop) { fill(stop); });
  }
  ~CachedSequence() override {
    worker_.request_stop();
    if (worker_.joinable()) worker_.join();
    ::close(fd_);
  }

  const core::FrameFormat& format() const override { return onDemand_->format(); }
  size_t frameCount() const override { return onDemand_->frameCount(); }
  int64_t frameTimeNs(size_t index) const override { return onDemand_->frameTimeNs(index); }
  const ReplayTimeline& timeline() const override { return onDemand_->timeline(); }
  const std::string& description() const override { return onDemand_->description(); }
  std::shared_ptr<const std::atomic<size_t>> framesPrepared() const override { return prepared_; }

  core::Status readFrame(size_t index, std::span<uint8_t> into) override {
    if (index < frameCount() && ready_[index].load(std::memory_order_acquire) &&
        core::readAllAt(fd_, into.data(), frameBytes_, offsetOf(index)))
      return core::Status::ok();
    wanted_.store(index, std::memory_order_relaxed);  // the background goes on from here
    return onDemand_->readFrame(index, into);
  }

 private:
  int64_t offsetOf(size_t index) const { return static_cast<int64_t>(index * frameBytes_); }

  // Decodes every frame once: from the one last asked for onwards, then round to the start.
  void fill(std::stop_token stop) {
    std::vector<uint8_t> frame(frameBytes_);
    const size_t count = frameCount();
    size_t next = count > 1 ? 1 : 0;  // the first frame is on screen already: the next ones first
    while (!stop.stop_requested() && prepared_->load() < count) {
      const size_t wanted = wanted_.exchange(kNone, std::memory_order_relaxed);
      if (wanted != kNone) next = wanted;
      size_t i = next;
      for (size_t step = 0; step < count && ready_[i].load(); ++step) i = (i + 1) % count;
      if (ready_[i].load()) break;
      if (auto status = background_->readFrame(i, frame); !status) {
        spdlog::warn("replay: frames decoded on demand only from here: {}", status.message());
        return;
      }
      if (!core::writeAllAt(fd_, frame.data(), frame.size(), offsetOf(i))) {
        spdlog::warn(
            "replay: the decoded-frame cache cannot be written (disk full?); frames are "
            "decoded on demand");
        return;
      }
      ready_[i].store(true, std::memory_order_release);
      prepared_->fetch_add(1);
      next = (i + 1) % count;
    }
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);
  std::unique_ptr<FrameSequence> onDemand_, background_;
  int fd_;
  size_t frameBytes_;
  std::unique_ptr<std::atomic<bool>[]> ready_;
  std::shared_ptr<std::atomic<size_t>> prepared_;
  std::atomic<size_t> wanted_{kNone};
  std::jthread worker_;  // last: stopped and joined before the rest goes
};

}  // namespace

std::unique_ptr<FrameSequence> cacheDecodedFrames(std::unique_ptr<FrameSequence> onDemand,
                                                  std::unique_ptr<FrameSequence> background) {
  const int fd = anonymousFile();
  if (fd < 0) {
    spdlog::warn("replay: no temporary file for decoded frames; every frame is decoded when shown");
    return onDemand;
  }
  return std::make_unique<CachedSequence>(std::move(onDemand), std::move(background), fd);
}

}  // namespace fg::capture
