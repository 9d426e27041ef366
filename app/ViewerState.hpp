#pragma once
// Plain state of the image view, owned by the main thread; panels read and edit it.

#include <string>

#include "app/PlanState.hpp"
#include "app/Settings.hpp"
#include "render/DisplaySettings.hpp"
#include "render/ViewTransform.hpp"

namespace fg::app {

// What the image shows of the contrast analysis; one key cycles through them.
enum class ContrastView : uint8_t { Invalid = 0, Live, Subtracted, Overlay };
const char* toString(ContrastView view);
ContrastView nextContrastView(ContrastView view);

struct ViewerState {
  render::ViewState view;
  render::DisplaySettings display;
  bool windowLevelSet = false;  // false: take the automatic window from the next frame
  bool showAnnotations = true;
  bool fullscreen = false;
  bool showHelp = false;
  // The display's recursive noise filter, 0 (off) .. 1; motion-adaptive, so a needle stays sharp.
  float noiseFilterStrength = 0.3f;
  ContrastView contrastView = ContrastView::Overlay;
  bool overlayOnSubtracted = false;  // the colour layer over the subtracted image, not the live one
  float overlayOpacity = 0.6f;
  bool showAccumulated = true;  // where contrast has been since the mask, dimmer than now
  bool showNeedle = true;       // the detected needle's axis, tip and heading
  PlanState plan;               // target, entry, calibration, levels, time-out
  bool timeOutOpen = false;     // the time-out dialog is up
  // All guidance drawn over the image (needle, plan, levels, contrast colours); a trainer hides
  // it to ask what the image itself shows (G).
  bool showGuidance = true;
  std::string caption;          // replay notes at the frame on screen, drawn over the image
  // Who the image is of (name, ID, date of birth, accession), on the image and so on every key
  // image; "NO PATIENT DETAILS" when none were given. Never logged.
  std::string patientLine;
  // A short message for what a key did (or could not do), shown for a few seconds in the status
  // bar; noticeAtS is the UI clock when it was given.
  std::string notice;
  std::string recordingLabel;  // "REC run-002 00:12" while a run is recorded, else empty
  double noticeAtS = -100;
  bool patientKnown = false;
};

// `view` fitted to the window again (zoom 1, no pan), its turn to match the monitor kept.
inline render::ViewState fitted(const render::ViewState& view) {
  render::ViewState out;
  out.orientation = view.orientation;
  return out;
}

// The preset as raw values for `format`.
render::WindowLevel presetWindowLevel(const WindowLevelPreset& preset,
                                      const core::FrameFormat& format);

}  // namespace fg::app
