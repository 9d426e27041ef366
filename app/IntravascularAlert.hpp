#pragma once
// When the intravascular alert is raised: once per contrast run, when the pattern turns
// intravascular. Results the UI never took are lost (newest wins), so it follows the pattern,
// which stays intravascular for the rest of the run, not only the one-shot "newly raised" flag.
// What happens next (shown above everything, acknowledged, journaled) is the AlarmBoard's.

#include <cstdint>
#include <optional>

#include "guidance/ContrastAnalyzer.hpp"

namespace fg::app {

struct IntravascularAlert {
  uint64_t frameId = 0;   // the frame on which it was raised
  double timeS = 0;       // that frame's time
  double confidence = 0;
};

class IntravascularAlertTracker {
 public:
  // The alert when this result raised it. A result collecting a new mask re-arms it: the next
  // contrast run can raise its own.
  std::optional<IntravascularAlert> observe(const guidance::ContrastResult& result);
  // A new analysis (a loop, a seek, another source): what came before raises nothing more.
  void reset() { raisedThisRun_ = false; }
  int raised() const { return raised_; }

 private:
  bool raisedThisRun_ = false;
  int raised_ = 0;
};

}  // namespace fg::app
