#pragma once
// The intravascular alert's life: raised once per contrast run when the pattern turns
// intravascular, pending until the user acknowledges it. Results the UI never took are lost
// (newest wins), so it follows the pattern, which stays intravascular for the rest of the run,
// not only the one-shot "newly raised" flag. Raising and acknowledging are logged with the frame
// id (no patient data).

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
  // True when this result raised the alert. A result collecting a new mask re-arms it: the next
  // contrast run can raise its own.
  bool observe(const guidance::ContrastResult& result);
  const std::optional<IntravascularAlert>& pending() const { return pending_; }
  void acknowledge(uint64_t shownFrameId);
  int raised() const { return raised_; }

 private:
  std::optional<IntravascularAlert> pending_;
  bool raisedThisRun_ = false;
  int raised_ = 0;
};

}  // namespace fg::app
