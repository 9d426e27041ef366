#pragma once
// Spinal level names and labelling by counting. The radiologist identifies one vertebra (counting
// up from the sacrum, or down from the vertebra that bears the twelfth rib); the others are named
// by counting from it along the spine. A spine may have four or six lumbar vertebrae (a
// transitional vertebra): the count is part of the labelling, and when both the sacrum and the
// twelfth rib are marked the two countings are checked against each other, since a level
// miscounted by one is the classic wrong-level error.

#include <opencv2/core.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/FrameFormat.hpp"
#include "core/Status.hpp"

namespace fg::guidance {

enum class LevelCounting : uint8_t { Invalid = 0, FromSacrum, FromTwelfthRib, Manual };
std::string_view toString(LevelCounting counting);
// "sacrum", "rib", "manual" (for files and the command line); Invalid for anything else.
LevelCounting levelCountingFromName(std::string_view name);
std::string_view nameOf(LevelCounting counting);

constexpr int kUsualLumbarCount = 5;
constexpr int kMinLumbarCount = 4, kMaxLumbarCount = 6;

// The labels head to foot that FluoroGuide names: T11, T12, L1 .. L<lumbarCount>, S1.
std::vector<std::string> levelSequence(int lumbarCount);
// Where `label` stands in that sequence; -1 when it is not in it.
int levelIndex(const std::string& label, int lumbarCount);

// Labels for `count` vertebrae ordered head to foot, the one at `anchor` being `anchorLabel`.
// Errors name the problem: an unknown label, or vertebrae counted past T11 or S1.
core::Result<std::vector<std::string>> labelsByCounting(size_t count, size_t anchor,
                                                        const std::string& anchorLabel,
                                                        int lumbarCount);

// The interspace between two adjacent vertebrae, "L4-5", "L5-S1", "T12-L1".
std::string interspaceName(const std::string& upper, const std::string& lower);

// The order of `centresPx` from head to foot: along the image direction of the patient's head
// (from the frame's orientation; image up when it is unknown).
std::vector<size_t> headToFoot(const std::vector<cv::Point2d>& centresPx,
                               const core::PatientOrientation& orientation);
cv::Point2d headInImage(const core::PatientOrientation& orientation);

// When the vertebra bearing the twelfth rib and S1 are both marked (indices into the head-to-foot
// order): do they agree with the lumbar count? Error: a message saying how many lumbar-type
// vertebrae lie between them and what that means.
core::Status checkCountings(size_t twelfthRibIndex, size_t sacrumIndex, int lumbarCount);

}  // namespace fg::guidance
