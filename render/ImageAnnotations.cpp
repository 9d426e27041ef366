#include "render/ImageAnnotations.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace fg::render {
namespace {

struct Rect {
  Vec2 min, max;
};

// The part of the viewport the image covers.
Rect visibleImageRect(const ViewTransform& view) {
  // The turned image's corners, whichever way it is turned.
  const Vec2 a = view.imageToViewport({-0.5f, -0.5f});
  const Vec2 b = view.imageToViewport({view.imageWidth() - 0.5f, view.imageHeight() - 0.5f});
  return {{std::max(std::min(a.x, b.x), 0.0f), std::max(std::min(a.y, b.y), 0.0f)},
          {std::min(std::max(a.x, b.x), static_cast<float>(view.viewportWidth())),
           std::min(std::max(a.y, b.y), static_cast<float>(view.viewportHeight()))}};
}

// The patient direction toward which image px direction `d` (a unit axis, turned) points.
core::PatientDirection directionAlong(const core::PatientOrientation& o, Vec2 d) {
  if (d.x > 0.5f) return o.row;
  if (d.x < -0.5f) return o.row.opposite();
  if (d.y > 0.5f) return o.column;
  return o.column.opposite();
}

std::string formatMm(double mm) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g mm", mm);
  return buf;
}

}  // namespace

double chooseScaleBarMm(double mmPerViewportPx, int viewportWidthPx) {
  static constexpr std::array kSteps = {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0};
  const double targetMm = mmPerViewportPx * viewportWidthPx / 6.0;
  double best = kSteps.front();
  for (double step : kSteps) {
    if (step <= targetMm) best = step;
  }
  return best;
}

void addScaleBar(OverlayList& list, const ViewTransform& view, const core::FrameFormat& format) {
  const Rect r = visibleImageRect(view);
  constexpr float kMargin = 16;
  const Vec2 end{r.max.x - kMargin, r.max.y - kMargin - 8};
  if (!format.hasSpacing()) {
    list.screenText({end.x, end.y + 8}, "no pixel spacing: scale unknown", colors::kAmber, {1, 1});
    return;
  }
  const double mmPerViewportPx = format.mmPerPixelX / view.viewportPxPerImagePx();
  const double mm = chooseScaleBarMm(mmPerViewportPx, view.viewportWidth());
  const float lengthPx = static_cast<float>(mm / mmPerViewportPx);
  const Vec2 start{end.x - lengthPx, end.y};
  list.screenLine(start, end, colors::kWhite, 3);
  list.screenLine({start.x, end.y - 6}, {start.x, end.y + 6}, colors::kWhite, 3);
  list.screenLine({end.x, end.y - 6}, {end.x, end.y + 6}, colors::kWhite, 3);
  // Spacing is at the detector: anatomy at the isocentre is smaller by the magnification.
  list.screenText({end.x, end.y - 10}, formatMm(mm) + " at detector", colors::kWhite, {1.0f, 1.0f});
}

void addOrientationLabels(OverlayList& list, const ViewTransform& view, const core::FrameFormat& format) {
  const auto& o = format.orientation;
  if (!o.row.known() || !o.column.known()) return;
  const Rect r = visibleImageRect(view);
  constexpr float kMargin = 10;
  const float midX = (r.min.x + r.max.x) / 2, midY = (r.min.y + r.max.y) / 2;
  // What lies toward each edge of the screen, as the picture is turned.
  const core::PatientDirection toRight = directionAlong(o, view.imageDirectionOfViewportX());
  const core::PatientDirection toBottom = directionAlong(o, view.imageDirectionOfViewportY());
  const std::string left(toRight.opposite().letters()), right(toRight.letters());
  const std::string top(toBottom.opposite().letters()), bottom(toBottom.letters());
  list.screenText({r.min.x + kMargin, midY}, left, colors::kYellow, {0.0f, 0.5f});
  list.screenText({r.max.x - kMargin, midY}, right, colors::kYellow, {1.0f, 0.5f});
  list.screenText({midX, r.min.y + kMargin}, top, colors::kYellow, {0.5f, 0.0f});
  list.screenText({midX, r.max.y - kMargin}, bottom, colors::kYellow, {0.5f, 1.0f});
}

const char* toString(StreamMode mode) {
  switch (mode) {
    case StreamMode::Live: return "LIVE";
    case StreamMode::Simulated: return "SIMULATED";
    case StreamMode::TestPattern: return "TEST PATTERN";
    case StreamMode::Replay: return "REPLAY";
    case StreamMode::Playback: return "PLAYBACK";
    default: return "-";
  }
}

void addStreamMark(OverlayList& list, const ViewTransform& view, const StreamMark& mark) {
  (void)view;
  const bool played = mark.mode == StreamMode::Replay || mark.mode == StreamMode::Playback;
  if (played && mark.condition != StreamCondition::Lost) {
    // A replayed or played-back image is never a last-image-hold of a live source.
    std::string label = std::string(toString(mark.mode)) + (mark.paused ? " - PAUSED" : "");
    if (mark.condition == StreamCondition::Ended) label += " - END";
    list.screenText({12, 12}, label, colors::kWhite, {0, 0},
                    mark.paused ? Color{0.55f, 0.35f, 0.0f, 0.9f} : Color{0.1f, 0.25f, 0.6f, 0.9f});
    return;
  }
  if (mark.condition == StreamCondition::Invalid) return;
  if (mark.condition == StreamCondition::Live) {
    // What the picture is, also while it is current: LIVE only for a live source.
    const Color colour = mark.mode == StreamMode::Live ? colors::kGreen
                         : mark.mode == StreamMode::Simulated ? colors::kCyan
                                                              : colors::kWhite;
    list.screenText({12, 12}, toString(mark.mode), colour, {0, 0}, {0, 0, 0, 0.7f});
    return;
  }
  char age[48];
  std::snprintf(age, sizeof age, "%.1f s", mark.ageS);
  std::string label;
  Color background{0.55f, 0.35f, 0.0f, 0.9f};
  switch (mark.condition) {
    case StreamCondition::Held: label = "LAST IMAGE HOLD  " + std::string(age); break;
    case StreamCondition::Ended: label = "END OF STREAM - last image held  " + std::string(age); break;
    case StreamCondition::Lost:
      label = "SOURCE LOST - last image held  " + std::string(age);
      background = {0.6f, 0.05f, 0.05f, 0.92f};
      break;
    default: break;
  }
  if (!mark.detail.empty()) label += "  (" + mark.detail + ")";
  list.screenText({12, 12}, label, colors::kWhite, {0, 0}, background);
}

void addStandardAnnotations(OverlayList& list, const ViewTransform& view, const core::FrameFormat& format,
                            const StreamMark& mark, Annotations annotations) {
  if (annotations == Annotations::Shown) {
    addScaleBar(list, view, format);
    addOrientationLabels(list, view, format);
  }
  addStreamMark(list, view, mark);
}

}  // namespace fg::render
