#include "app/ViewerState.hpp"

namespace fg::app {

render::WindowLevel presetWindowLevel(const WindowLevelPreset& preset, const core::FrameFormat& format) {
  const double range = format.valid() ? format.maxValue() + 1.0 : 256.0;
  return {preset.centerFraction * range, preset.widthFraction * range};
}

}  // namespace fg::app
