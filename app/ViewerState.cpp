#include "app/ViewerState.hpp"

namespace fg::app {

render::WindowLevel presetWindowLevel(const WindowLevelPreset& preset, const core::FrameFormat& format) {
  const double range = format.valid() ? format.maxValue() + 1.0 : 256.0;
  return {preset.centerFraction * range, preset.widthFraction * range};
}

const char* toString(ContrastView view) {
  switch (view) {
    case ContrastView::Live: return "live";
    case ContrastView::Subtracted: return "subtracted";
    case ContrastView::Overlay: return "contrast overlay";
    case ContrastView::Invalid: break;
  }
  return "invalid";
}

ContrastView nextContrastView(ContrastView view) {
  switch (view) {
    case ContrastView::Live: return ContrastView::Subtracted;
    case ContrastView::Subtracted: return ContrastView::Overlay;
    default: return ContrastView::Live;
  }
}

}  // namespace fg::app
