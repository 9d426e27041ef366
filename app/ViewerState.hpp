#pragma once
// Plain state of the image view, owned by the main thread; panels read and edit it.

#include "app/Settings.hpp"
#include "render/DisplaySettings.hpp"
#include "render/ViewTransform.hpp"

namespace fg::app {

struct ViewerState {
  render::ViewState view;
  render::DisplaySettings display;
  bool windowLevelSet = false;  // false: take the automatic window from the next frame
  bool showAnnotations = true;
  bool fullscreen = false;
  bool showHelp = false;
};

// The preset as raw values for `format`.
render::WindowLevel presetWindowLevel(const WindowLevelPreset& preset, const core::FrameFormat& format);

}  // namespace fg::app
