// The image's keys as the window gets them: a preset key without a preset says so; the keys are
// the dialog's while one is open.
#include <catch2/catch.hpp>

#include "app/ImageViewPanel.hpp"
#include "app/SideDialog.hpp"
#include "core/FramePool.hpp"
#include "tests/app/UiHarness.hpp"

using namespace fg;
using namespace fg::app;

TEST_CASE("preset keys say what they did, or that no preset is defined", "[app][ui][keys]") {
  test::UiHarness ui(800, 600);
  core::FramePool pool(1, 64 * 64 * 2);
  auto w = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = 64;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  w.setFormat(f);
  w.stamp(1, 0, 0);
  const core::FrameRef frame = std::move(w).publish();
  ViewerState state;
  ImageViewPanel view;
  const auto presets = Settings::defaultPresets();
  bool dialogOpen = false;
  auto uiFrame = [&] {
    dialogs::beginUiFrame({}, false);
    view.handleKeys(state, frame, presets, nullptr);
    if (dialogOpen) {
      dialogs::begin("a dialog", 300);
      dialogs::end();
    }
  };
  ui.press(GLFW_KEY_2, uiFrame);
  CHECK(state.notice == "preset 2: " + presets[1].name);
  CHECK(state.windowLevelSet);
  ui.press(GLFW_KEY_7, uiFrame);
  CHECK(state.notice == "no preset 7: presets 1-4 are defined (View > Window/level preset)");
  // While a dialog is open the image takes no key.
  dialogOpen = true;
  ui.frame(uiFrame);
  state.notice.clear();
  ui.press(GLFW_KEY_3, uiFrame);
  ui.press(GLFW_KEY_T, uiFrame);
  CHECK(state.notice.empty());
  CHECK(state.plan.tool() == PlanTool::None);
}
