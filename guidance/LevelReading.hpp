#pragma once
// Reading the level markers at a point of the image: which interspace a point (the target, the
// needle tip) lies at, and on which side of the spine's midline. Frame px; sides as the patient's
// (from the frame's orientation).

#include <optional>
#include <string>
#include <vector>

#include "core/FrameFormat.hpp"
#include "guidance/LevelTracker.hpp"

namespace fg::guidance {

// The interspace ("L4-5") whose two vertebrae the point lies between along the spine, or the
// vertebra ("L4") when it lies within a quarter pitch of one's centre; none without two markers
// or outside them.
std::optional<std::string> levelAt(const std::vector<LevelMarker>& markers, cv::Point2d px,
                                   const core::PatientOrientation& orientation);

enum class PatientSide : uint8_t { Invalid = 0, Left, Right, Midline, Unknown };
// Which side of the line through the markers the point lies on: Midline within `midlineMm`
// (at the detector), Unknown when the image's left-right direction is not known or the markers
// do not run along the image (a lateral view shows no side).
PatientSide sideAt(const std::vector<LevelMarker>& markers, cv::Point2d px,
                   const core::FrameFormat& format, double midlineMm = 4.0);

}  // namespace fg::guidance
