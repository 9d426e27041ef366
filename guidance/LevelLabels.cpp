#include "guidance/LevelLabels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace fg::guidance {

std::string_view toString(LevelCounting counting) {
  switch (counting) {
    case LevelCounting::FromSacrum:
      return "counted from the sacrum";
    case LevelCounting::FromTwelfthRib:
      return "counted from the twelfth rib";
    case LevelCounting::Manual:
      return "each labelled by hand";
    case LevelCounting::Invalid:
      break;
  }
  return "invalid";
}

std::string_view nameOf(LevelCounting counting) {
  switch (counting) {
    case LevelCounting::FromSacrum:
      return "sacrum";
    case LevelCounting::FromTwelfthRib:
      return "rib";
    case LevelCounting::Manual:
      return "manual";
    case LevelCounting::Invalid:
      break;
  }
  return "invalid";
}

LevelCounting levelCountingFromName(std::string_view name) {
  for (LevelCounting c :
       {LevelCounting::FromSacrum, LevelCounting::FromTwelfthRib, LevelCounting::Manual}) {
    if (name == nameOf(c)) return c;
  }
  return LevelCounting::Invalid;
}

std::vector<std::string> levelSequence(int lumbarCount) {
  std::vector<std::string> out = {"T11", "T12"};
  for (int i = 1; i <= std::clamp(lumbarCount, kMinLumbarCount, kMaxLumbarCount); ++i)
    out.push_back("L" + std::to_string(i));
  out.push_back("S1");
  return out;
}

int levelIndex(const std::string& label, int lumbarCount) {
  const std::vector<std::string> sequence = levelSequence(lumbarCount);
  const auto it = std::find(sequence.begin(), sequence.end(), label);
  return it == sequence.end() ? -1 : static_cast<int>(it - sequence.begin());
}

core::Result<std::vector<std::string>> labelsByCounting(size_t count, size_t anchor,
                                                        const std::string& anchorLabel,
                                                        int lumbarCount) {
  if (lumbarCount < kMinLumbarCount || lumbarCount > kMaxLumbarCount) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               fmt::format("lumbar count {} is not possible (from {} to {})",
                                           lumbarCount, kMinLumbarCount, kMaxLumbarCount));
  }
  if (anchor >= count)
    return core::Status::error(core::StatusCode::OutOfRange,
                               "the labelled vertebra is not among those marked");
  const int at = levelIndex(anchorLabel, lumbarCount);
  if (at < 0) {
    return core::Status::error(
        core::StatusCode::OutOfRange,
        fmt::format("'{}' is not a level from T11 to S1 with {} lumbar vertebrae", anchorLabel,
                    lumbarCount));
  }
  const std::vector<std::string> sequence = levelSequence(lumbarCount);
  const int first = at - static_cast<int>(anchor);
  const int last = first + static_cast<int>(count) - 1;
  if (first < 0) {
    return core::Status::error(
        core::StatusCode::OutOfRange,
        fmt::format("counting up from {} passes T11: {} vertebrae are marked above it", anchorLabel,
                    anchor));
  }
  if (last >= static_cast<int>(sequence.size())) {
    return core::Status::error(
        core::StatusCode::OutOfRange,
        fmt::format("counting down from {} passes S1: {} vertebrae are marked below it",
                    anchorLabel, count - anchor - 1));
  }
  return std::vector<std::string>(sequence.begin() + first, sequence.begin() + last + 1);
}

std::string interspaceName(const std::string& upper, const std::string& lower) {
  // "L4" + "L5" -> "L4-5"; across regions the whole lower name: "L5-S1", "T12-L1".
  if (!upper.empty() && !lower.empty() && upper[0] == lower[0])
    return upper + "-" + lower.substr(1);
  return upper + "-" + lower;
}

cv::Point2d headInImage(const core::PatientOrientation& orientation) {
  auto component = [](const core::PatientDirection& d) {
    const std::string_view letters = d.letters();
    for (char c : letters) {
      if (c == 'H') return 1.0;
      if (c == 'F') return -1.0;
    }
    return 0.0;
  };
  cv::Point2d head(component(orientation.row), component(orientation.column));
  if (head == cv::Point2d(0, 0)) return {0, -1};  // unknown: the head is up
  return head * (1.0 / cv::norm(head));
}

std::vector<size_t> headToFoot(const std::vector<cv::Point2d>& centresPx,
                               const core::PatientOrientation& orientation) {
  const cv::Point2d head = headInImage(orientation);
  std::vector<size_t> order(centresPx.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return centresPx[a].dot(head) > centresPx[b].dot(head);
  });
  return order;
}

core::Status checkCountings(size_t twelfthRibIndex, size_t sacrumIndex, int lumbarCount) {
  if (sacrumIndex <= twelfthRibIndex) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "the vertebra marked as bearing the twelfth rib is not above S1");
  }
  const size_t between = sacrumIndex - twelfthRibIndex - 1;
  if (static_cast<int>(between) == lumbarCount) return core::Status::ok();
  return core::Status::error(core::StatusCode::OutOfRange,
                             fmt::format("counting disagrees: {} vertebrae lie between the "
                                         "twelfth-rib vertebra and S1, but {} lumbar "
                                         "vertebrae are set; {} - check for a transitional "
                                         "vertebra or a missed rib on another view",
                                         between, lumbarCount,
                                         static_cast<int>(between) > lumbarCount
                                             ? "counting from the sacrum would name every level "
                                               "one higher than counting from the rib"
                                             : "counting from the sacrum would name every level "
                                               "one lower than counting from the rib"));
}

}  // namespace fg::guidance
