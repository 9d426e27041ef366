#pragma once
// The recorder ("fg-recorder" and "fg-record-disk" threads): takes every frame, by id, from the
// capture history and writes it to a run on disk. The live image never waits for it: a fetch
// thread copies each frame out of the history into the recorder's own memory at once (so the
// capture pool is never held), and a writer thread puts them on the disk. When the disk falls
// behind, the backlog grows in memory and is reported; past the memory ceiling recording stops
// with a clear error (what was written stays a complete run). An id it could not get (evicted
// from the history, dropped at capture) is written into the run's index as a gap and counted,
// never skipped in silence.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/FrameHistory.hpp"
#include "record/CineRun.hpp"

namespace fg::record {

struct RecorderSettings {
  size_t memoryCeilingBytes = size_t{1} << 30;  // backlog held in memory at most (1 GiB)
  std::chrono::nanoseconds syncEvery{std::chrono::seconds(1)};
  std::chrono::nanoseconds writeDelay{0};  // tests: a slow disk
};

struct RecorderStats {
  bool recording = false;
  uint64_t framesRecorded = 0;  // on the disk
  uint64_t gaps = 0;
  uint64_t backlogFrames = 0;  // copied, not yet on the disk
  size_t backlogBytes = 0;
  std::string error;  // why recording stopped early ("" while fine)
};

class Recorder {
 public:
  Recorder(const core::FrameHistory& history, RecorderSettings settings = {});
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Records every frame from `firstId` on into a new run in `runDir`.
  core::Status start(const std::filesystem::path& runDir, uint64_t firstId);
  // Records what was captured up to now, puts it all on the disk, and stops.
  RecorderStats stop();
  RecorderStats stats() const;

 private:
  struct Item {
    uint64_t id = 0;
    int64_t deviceNs = 0, arrivalNs = 0;
    core::FrameFormat format;
    std::vector<uint8_t> pixels;  // empty: a gap
    std::string gapReason;
  };
  void fetch(std::stop_token stop);
  void write();
  void fail(const std::string& why);

  const core::FrameHistory& history_;
  RecorderSettings settings_;
  std::unique_ptr<CineWriter> writer_;
  uint64_t nextId_ = 0;
  std::atomic<uint64_t> stopAtId_{0};  // 0: keep going
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Item> queue_;  // guarded by mutex_
  size_t queuedBytes_ = 0;  // guarded by mutex_
  bool fetchDone_ = false;  // guarded by mutex_
  RecorderStats stats_;     // guarded by mutex_
  std::jthread fetcher_;
  std::thread writerThread_;
};

}  // namespace fg::record
