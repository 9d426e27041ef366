#include "record/Recorder.hpp"

#include <spdlog/spdlog.h>

#include "core/ThreadName.hpp"

namespace fg::record {
namespace {
constexpr auto kPoll = std::chrono::milliseconds(2);  // waiting for the next frame to be captured
}

Recorder::Recorder(const core::FrameHistory& history, RecorderSettings settings)
    : history_(history), settings_(settings) {}

Recorder::~Recorder() { stop(); }

core::Status Recorder::start(const std::filesystem::path& runDir, uint64_t firstId) {
  if (stats().recording)
    return core::Status::error(core::StatusCode::Unsupported, "already recording");
  auto writer = CineWriter::create(runDir);
  if (!writer) return writer.status();
  writer_ = std::move(writer.value());
  nextId_ = std::max<uint64_t>(firstId, 1);
  stopAtId_ = 0;
  {
    std::lock_guard lock(mutex_);
    queue_.clear();
    queuedBytes_ = 0;
    fetchDone_ = false;
    stats_ = {};
    stats_.recording = true;
  }
  // Said before the threads start: from then on nextId_ is the fetch thread's alone.
  spdlog::info("recorder: recording from frame {} into {}", nextId_, runDir.string());
  writerThread_ = std::thread([this] { write(); });
  fetcher_ = std::jthread([this](std::stop_token stop) { fetch(stop); });
  return core::Status::ok();
}

void Recorder::fail(const std::string& why) {
  std::lock_guard lock(mutex_);
  if (stats_.error.empty()) {
    stats_.error = why;
    spdlog::error("recorder: {}", why);
  }
}

void Recorder::fetch(std::stop_token stop) {
  core::setCurrentThreadName("fg-recorder");
  while (true) {
    // Once stopped, every id captured up to the stop is still taken.
    if (stop.stop_requested() && nextId_ > stopAtId_.load()) break;
    {
      std::lock_guard lock(mutex_);
      if (!stats_.error.empty()) break;
    }
    const core::FrameHistory::Lookup found = history_.find(nextId_);
    if (found.status == core::HistoryLookup::NotYetCaptured) {
      if (stop.stop_requested()) break;  // nothing more was captured before the stop
      std::this_thread::sleep_for(kPoll);
      continue;
    }
    Item item;
    item.id = nextId_;
    switch (found.status) {
      case core::HistoryLookup::Found: {
        const core::Frame& f = *found.frame;
        item.deviceNs = f.deviceNs();
        item.arrivalNs = f.arrivalNs();
        item.format = f.format();
        item.pixels.assign(f.bytes().begin(), f.bytes().end());  // the pool frame is let go at once
        break;
      }
      case core::HistoryLookup::Evicted:
        item.gapReason = "evicted from the capture history before it could be recorded";
        break;
      default:
        item.gapReason = "dropped at capture";
        break;
    }
    {
      std::lock_guard lock(mutex_);
      if (queuedBytes_ + item.pixels.size() > settings_.memoryCeilingBytes) {
        stats_.error = "recording stopped: the disk fell " + std::to_string(queuedBytes_ >> 20) +
                       " MiB behind (the memory ceiling); the run holds every frame up to frame " +
                       std::to_string(nextId_ - 1);
        spdlog::error("recorder: {}", stats_.error);
        break;
      }
      queuedBytes_ += item.pixels.size();
      stats_.backlogFrames = queue_.size() + 1;
      stats_.backlogBytes = queuedBytes_;
      queue_.push_back(std::move(item));
    }
    ready_.notify_one();
    ++nextId_;
  }
  {
    std::lock_guard lock(mutex_);
    fetchDone_ = true;
  }
  ready_.notify_one();
}

void Recorder::write() {
  core::setCurrentThreadName("fg-record-disk");
  auto lastSync = std::chrono::steady_clock::now();
  while (true) {
    Item item;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [&] { return !queue_.empty() || fetchDone_; });
      if (queue_.empty()) break;
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    if (settings_.writeDelay.count() > 0) std::this_thread::sleep_for(settings_.writeDelay);
    const core::Status status = item.pixels.empty()
                                    ? writer_->writeGap(item.id, item.gapReason)
                                    : writer_->write(item.id, item.deviceNs, item.arrivalNs,
                                                     item.format, item.pixels.data());
    {
      std::lock_guard lock(mutex_);
      queuedBytes_ -= item.pixels.size();
      stats_.backlogFrames = queue_.size();
      stats_.backlogBytes = queuedBytes_;
      if (status) (item.pixels.empty() ? stats_.gaps : stats_.framesRecorded) += 1;
    }
    if (!status) fail(status.message());
    if (std::chrono::steady_clock::now() - lastSync >= settings_.syncEvery) {
      if (auto synced = writer_->sync(); !synced) fail(synced.message());
      lastSync = std::chrono::steady_clock::now();
    }
  }
  if (auto synced = writer_->sync(); !synced) fail(synced.message());
}

RecorderStats Recorder::stop() {
  if (fetcher_.joinable()) {
    // Everything captured so far is recorded, then the threads end.
    stopAtId_ = history_.newestId();
    fetcher_.request_stop();
    fetcher_.join();
  }
  if (writerThread_.joinable()) writerThread_.join();
  std::lock_guard lock(mutex_);
  if (stats_.recording) {
    spdlog::info("recorder: {} frames recorded, {} gaps", stats_.framesRecorded, stats_.gaps);
  }
  stats_.recording = false;
  return stats_;
}

RecorderStats Recorder::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

}  // namespace fg::record
