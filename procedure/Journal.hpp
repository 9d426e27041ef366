#pragma once
// The procedure journal: every event of a procedure as one JSON line, appended and flushed to the
// disk (fdatasync) before append() returns, so what the panel shows as recorded survives a crash,
// a kill -9 or a power cut. Reopening reads every complete event back; a last line cut short by a
// crash is kept aside in "<journal>.torn" and reported (never silently dropped), and the file is
// cut back to its last complete line so appending goes on cleanly. Main thread only.

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/Status.hpp"

namespace fg::procedure {

class Journal {
 public:
  struct Opened;
  // Opens `path` (created owner-only when missing) and reads what it holds.
  static core::Result<Opened> open(const std::filesystem::path& path);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Appends `event` with its sequence number ("seq") and flushes it to the disk. Errors (a full
  // disk, a removed folder) name the file; the event is then not recorded.
  core::Status append(nlohmann::json event);
  uint64_t eventCount() const { return count_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  Journal(std::filesystem::path path, int fd, uint64_t count)
      : path_(std::move(path)), fd_(fd), count_(count) {}
  std::filesystem::path path_;
  int fd_ = -1;
  uint64_t count_ = 0;
};

struct Journal::Opened {
  std::unique_ptr<Journal> journal;
  std::vector<nlohmann::json> events;   // in the order written
  std::optional<std::string> tornTail;  // what a crash left of the last line (kept in .torn)
  std::vector<size_t> damagedLines;     // 1-based lines that were not JSON (kept in the file)
};

}  // namespace fg::procedure
