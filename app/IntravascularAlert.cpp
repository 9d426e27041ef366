#include "app/IntravascularAlert.hpp"

#include <spdlog/spdlog.h>

namespace fg::app {

std::optional<IntravascularAlert> IntravascularAlertTracker::observe(const guidance::ContrastResult& r) {
  if (r.maskState == guidance::MaskState::Collecting) raisedThisRun_ = false;
  const bool suspected = r.pattern.intravascularAlert || r.pattern.pattern == guidance::Pattern::Intravascular;
  if (!suspected || raisedThisRun_) return std::nullopt;
  raisedThisRun_ = true;
  ++raised_;
  spdlog::warn("ALERT: intravascular uptake suspected at frame {} (t {:.2f} s, confidence {:.2f})", r.frameId,
               r.timeS, r.pattern.confidence);
  return IntravascularAlert{r.frameId, r.timeS, r.pattern.confidence};
}

}  // namespace fg::app
