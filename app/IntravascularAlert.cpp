#include "app/IntravascularAlert.hpp"

#include <spdlog/spdlog.h>

namespace fg::app {

bool IntravascularAlertTracker::observe(const guidance::ContrastResult& r) {
  if (r.maskState == guidance::MaskState::Collecting) raisedThisRun_ = false;
  const bool suspected = r.pattern.intravascularAlert || r.pattern.pattern == guidance::Pattern::Intravascular;
  if (!suspected || raisedThisRun_) return false;
  raisedThisRun_ = true;
  pending_ = IntravascularAlert{r.frameId, r.timeS, r.pattern.confidence};
  ++raised_;
  spdlog::warn("ALERT: intravascular uptake suspected at frame {} (t {:.2f} s, confidence {:.2f})", r.frameId,
               r.timeS, r.pattern.confidence);
  return true;
}

void IntravascularAlertTracker::acknowledge(uint64_t shownFrameId) {
  if (!pending_) return;
  spdlog::warn("ALERT acknowledged: intravascular uptake raised at frame {}, acknowledged at frame {}",
               pending_->frameId, shownFrameId);
  pending_.reset();
}

}  // namespace fg::app
