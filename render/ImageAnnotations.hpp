#pragma once
// The annotations every view of a frame carries: scale bar, orientation letters, and the mark that
// says the picture is not live (last-image-hold, end of file, source lost).

#include <string>

#include "core/FrameFormat.hpp"
#include "render/OverlayList.hpp"

namespace fg::render {

enum class StreamCondition : uint8_t {
  Invalid = 0,
  Live,      // a new image arrived within the expected period
  Held,      // no new image for a while (beam off): last-image-hold
  Ended,     // a file or scenario has ended
  Lost,      // the source failed or is being reopened
};

// What kind of picture it is: only a live source is LIVE; a held image is a last-image-hold only
// when a live (or simulated live) source stops; a replay or a file played back says so, and PAUSED
// when it is paused.
enum class StreamMode : uint8_t { Invalid = 0, Live, Simulated, TestPattern, Replay, Playback };
const char* toString(StreamMode mode);  // "LIVE", "SIMULATED", "TEST PATTERN", "REPLAY", "PLAYBACK"

struct StreamMark {
  StreamCondition condition = StreamCondition::Live;
  double ageS = 0;     // time since the shown image arrived
  std::string detail;  // e.g. the source's error; never patient data
  StreamMode mode = StreamMode::Live;
  bool paused = false;  // a replay or playback the user paused
};

// The scale bar length in mm that is drawn at `mmPerViewportPx` (about 1/6 of the view wide).
double chooseScaleBarMm(double mmPerViewportPx, int viewportWidthPx);

void addScaleBar(OverlayList& list, const ViewTransform& view, const core::FrameFormat& format);
void addOrientationLabels(OverlayList& list, const ViewTransform& view, const core::FrameFormat& format);
void addStreamMark(OverlayList& list, const ViewTransform& view, const StreamMark& mark);

// What every view shows: scale bar and orientation (unless hidden) and the stream mark (always:
// it says the picture is old).
enum class Annotations : uint8_t { Invalid = 0, Shown, Hidden };
void addStandardAnnotations(OverlayList& list, const ViewTransform& view, const core::FrameFormat& format,
                            const StreamMark& mark, Annotations annotations = Annotations::Shown);

}  // namespace fg::render
