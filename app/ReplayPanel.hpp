#pragma once
// The replay strip under the image, shown while the source is an interactive replay: play/pause,
// step, first/last, speed and loop; a timeline with the recorded runs, the procedure's step and
// time-out markers and the trainer's notes, scrubbed by click or drag; a field to add a note at the
// frame on screen. Keys: K play/pause, comma/period one frame back/forward, Home/End. Main thread.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/ReplayMarks.hpp"
#include "capture/PlaybackControl.hpp"

struct ImVec2;

namespace fg::app {

class ReplayPanel {
 public:
  static constexpr float kHeight = 96.0f;  // px, taken from the image's height while shown

  // A new source: a replay's control and the folder it plays (its case's marks are read).
  void attach(std::shared_ptr<capture::PlaybackControl> control,
              const std::filesystem::path& sourceFolder);
  void detach();
  bool active() const { return control_ != nullptr; }
  bool paused() const { return control_ && !control_->state().playing; }
  const std::filesystem::path& caseDir() const { return caseDir_; }

  void draw(ImVec2 pos, ImVec2 size);
  void handleKeys();
  // The trainer's notes within half a second of the frame on screen, joined by " | ".
  std::string caption() const;
  const std::vector<ReplayMark>& marks() const { return marks_; }

 private:
  void drawControls(const capture::PlaybackState& state);
  void drawTimeline(const capture::PlaybackState& state, float width);
  void drawNoteField(const capture::PlaybackState& state);

  std::shared_ptr<capture::PlaybackControl> control_;
  std::filesystem::path caseDir_;
  std::vector<ReplayMark> marks_;
  char note_[256] = {};
  std::string error_;
};

}  // namespace fg::app
