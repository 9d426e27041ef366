#pragma once
// The needle's readings in words, each with its unit and its sense spelled out, for the panel and
// the image alike ("5.1 mm past the target", never "ahead -5.1").

#include <string>

#include "guidance/Trajectory.hpp"

namespace fg::app {

// "target 5.1 mm ahead of the tip" / "tip 5.1 mm past the target" / "tip at the target's depth".
std::string aheadText(double aheadMm);
// One line for the image: "tip to target 12.3 mm | target 5.1 mm ahead of the tip | miss 1.2 mm".
std::string trajectoryLine(const guidance::TrajectoryReading& reading);

}  // namespace fg::app
