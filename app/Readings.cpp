#include "app/Readings.hpp"

#include <cmath>
#include <cstdio>

namespace fg::app {

std::string aheadText(double aheadMm) {
  char text[96];
  if (std::abs(aheadMm) < 0.05)
    std::snprintf(text, sizeof text, "tip at the target's depth");
  else if (aheadMm > 0)
    std::snprintf(text, sizeof text, "target %.1f mm ahead of the tip", aheadMm);
  else
    std::snprintf(text, sizeof text, "tip %.1f mm PAST the target", -aheadMm);
  return text;
}

std::string trajectoryLine(const guidance::TrajectoryReading& r) {
  char text[200];
  std::snprintf(text, sizeof text, "tip to target %.1f mm | %s | miss %.1f mm%s", r.tipToTargetMm,
                aheadText(r.aheadMm).c_str(), r.missMm, r.atIsocentre ? " (at the spine)" : " (at the detector)");
  std::string line = text;
  if (r.angleToPlanDeg) {
    std::snprintf(text, sizeof text, " | %.1f deg off plan", *r.angleToPlanDeg);
    line += text;
  }
  return line;
}

}  // namespace fg::app
