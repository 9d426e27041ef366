#pragma once
// What the replay timeline marks besides the runs: the procedure's steps and time-out from the
// replayed case's journal (placed at the frame they were marked on, or the next one recorded), and
// the trainer's notes, kept in the case folder (replay-notes.jsonl, appended and flushed like the
// journal). The replayed case's own files are only read, never changed, except for the notes.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "capture/FrameSequence.hpp"
#include "core/Status.hpp"

namespace fg::app {

inline constexpr const char* kReplayNotesFileName = "replay-notes.jsonl";

struct ReplayMark {
  enum class Kind : uint8_t { Invalid = 0, Step, TimeOut, Note };
  Kind kind = Kind::Invalid;
  size_t index = 0;   // timeline frame
  std::string label;  // "needle placed: done", "time-out L4-5 left", the note's text
};

// The case folder a replayed folder belongs to (itself, or the case above runs/run-NNN); empty
// when it is not in a case (a lone run).
std::filesystem::path replayedCaseDir(const std::filesystem::path& sourceFolder);

// The timeline index of the first frame with capture id >= `frameId` (in `segment` when given);
// nothing when every frame is older.
std::optional<size_t> indexOfFrameId(const capture::ReplayTimeline& timeline, uint64_t frameId,
                                     const std::string& segment = {});

// Steps, time-out and notes of the case on `timeline`, in timeline order. Unreadable lines are
// skipped (the journal's own reader reports them when the case is opened for work).
std::vector<ReplayMark> loadReplayMarks(const std::filesystem::path& caseDir,
                                        const capture::ReplayTimeline& timeline);

// Appends a note at timeline frame `index`; error names the file.
core::Status addReplayNote(const std::filesystem::path& caseDir,
                           const capture::ReplayTimeline& timeline, size_t index,
                           const std::string& text);

}  // namespace fg::app
