#pragma once
// One recorded run on disk (a cine loop): a folder holding frames.raw (every frame's pixels, one
// after the other, exactly as captured) and index.jsonl (one line per frame: id, device and
// arrival times, where its pixels lie in frames.raw, and its format; or a gap: an id the recorder
// could not get, with the reason). A frame's index line is written after its pixels, so a crash
// or kill -9 leaves at most the last frame incomplete; reading the run back stops there and says
// so. Units: ns of the capture clocks, bytes.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/Frame.hpp"
#include "core/Status.hpp"

namespace fg::record {

inline constexpr const char* kFramesFileName = "frames.raw";
inline constexpr const char* kIndexFileName = "index.jsonl";

struct CineFrame {
  uint64_t id = 0;
  int64_t deviceNs = 0, arrivalNs = 0;
  uint64_t offset = 0;  // into frames.raw
  core::FrameFormat format;
};

struct CineGap {
  uint64_t id = 0;
  std::string reason;  // "evicted before it could be recorded", "dropped at capture"
};

// Writes one run. Not thread-safe: the recorder's writer thread owns it.
class CineWriter {
 public:
  // Creates `dir` (owner-only) with empty frames.raw and index.jsonl. Error: the folder exists
  // with a run in it, or cannot be made.
  static core::Result<std::unique_ptr<CineWriter>> create(const std::filesystem::path& dir);
  ~CineWriter();
  CineWriter(const CineWriter&) = delete;
  CineWriter& operator=(const CineWriter&) = delete;

  // `pixels`: format.byteCount() bytes. Errors (a full disk) name the file; the frame is then not
  // in the run (its partial bytes are taken back). The run's times only go forward: when the
  // source's time does not (a file looped, a replay seeked) the frame is timed by its arrival
  // after the one before, and its own time kept as "sourceNs".
  core::Status write(uint64_t id, int64_t deviceNs, int64_t arrivalNs,
                     const core::FrameFormat& format, const uint8_t* pixels);
  core::Status writeGap(uint64_t id, const std::string& reason);
  // Flushes to the disk (power-cut safety; a killed process loses nothing written before).
  core::Status sync();
  uint64_t framesWritten() const { return frames_; }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  CineWriter(std::filesystem::path dir, int framesFd, int indexFd);
  std::filesystem::path dir_;
  int framesFd_ = -1, indexFd_ = -1;
  uint64_t offset_ = 0, frames_ = 0;
  int64_t lastDeviceNs_ = 0, lastArrivalNs_ = 0;
};

// A run read back: its frames (pixels read on demand) and gaps.
class CineRun {
 public:
  // Error: no run there, or its index is damaged before its end. A last frame cut short by a crash
  // is left out and said in recovered().
  static core::Result<std::unique_ptr<CineRun>> open(const std::filesystem::path& dir);
  const std::vector<CineFrame>& frames() const { return frames_; }
  const std::vector<CineGap>& gaps() const { return gaps_; }
  const std::string& recovered() const { return recovered_; }
  // The pixels of frame `index` into `out` (frames()[index].format.byteCount() bytes).
  core::Status readPixels(size_t index, uint8_t* out) const;
  // frames.raw: every frame's pixels at its CineFrame::offset.
  std::filesystem::path framesFile() const { return dir_ / kFramesFileName; }

 private:
  std::filesystem::path dir_;
  std::vector<CineFrame> frames_;
  std::vector<CineGap> gaps_;
  std::string recovered_;
};

}  // namespace fg::record
