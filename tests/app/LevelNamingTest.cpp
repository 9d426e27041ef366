// The vertebra-naming dialog driven with mouse clicks and keys as ImGui receives them from GLFW:
// what the radiologist chose is what is applied, for every label T11-S1 and 4, 5 and 6 lumbar
// vertebrae; nothing is chosen when it opens; every choice lies on a 1280x1024 screen.
#include <catch2/catch.hpp>

#include "app/LevelPanel.hpp"
#include "app/SideDialog.hpp"
#include "guidance/LevelLabels.hpp"
#include "tests/app/UiHarness.hpp"

using namespace fg;
using namespace fg::app;

namespace {
ScreenLayout screen1280() {
  ScreenLayout l;
  l.image = {0, 20, 860, 960};
  l.column = {860, 20, 420, 980};
  l.alarms = {860, 20, 420, 0};
  l.dialogs = {860, 270, 420, 730};
  return l;
}
void clickCentre(test::UiHarness& ui, const ScreenRect& r, const std::function<void()>& frame) {
  ui.click(r.x + r.width / 2, r.y + r.height / 2, frame);
}
bool onScreen(const ScreenRect& r, const test::UiHarness& ui) {
  return r.width > 0 && r.x >= 0 && r.y >= 0 && r.x + r.width <= ui.width() && r.y + r.height <= ui.height();
}
}  // namespace

TEST_CASE("the naming dialog applies the label clicked, for every label and lumbar count", "[app][levels][ui]") {
  test::UiHarness ui(1280, 1024);
  const ScreenLayout layout = screen1280();
  for (int lumbar : {4, 5, 6}) {
    for (const std::string& label : guidance::levelSequence(lumbar)) {
      INFO(label << " with " << lumbar << " lumbar vertebrae");
      PlanState plan;
      auto frame = [&] {
        dialogs::beginUiFrame(layout, false);
        drawLevelNaming(plan, nullptr);
      };
      plan.setTool(PlanTool::Level);
      plan.click({512, 416});
      ui.frame(frame);
      ui.frame(frame);
      // Opens with nothing chosen: Enter names nothing.
      CHECK(plan.naming().label.empty());
      ui.press(GLFW_KEY_ENTER, frame);
      CHECK_FALSE(plan.takeLevelRequest());
      REQUIRE(plan.vertebraToName());
      // The lumbar count, then the label, by mouse.
      const NamingDialogLayout& l = lastNamingLayout();
      REQUIRE(l.counts.count(lumbar) == 1);
      clickCentre(ui, l.counts.at(lumbar), frame);
      REQUIRE(lastNamingLayout().labels.count(label) == 1);
      for (const auto& [name, rect] : lastNamingLayout().labels) {
        INFO("choice " << name);
        CHECK(onScreen(rect, ui));
        CHECK(rect.x >= layout.column.x);  // beside the image
      }
      CHECK(onScreen(lastNamingLayout().window, ui));
      clickCentre(ui, lastNamingLayout().labels.at(label), frame);
      CHECK(plan.naming().label == label);
      CHECK(plan.naming().lumbarCount == lumbar);
      // Applied with the dialog's button.
      clickCentre(ui, lastNamingLayout().apply, frame);
      const auto request = plan.takeLevelRequest();
      REQUIRE(request);
      CHECK(request->label == label);
      CHECK(request->lumbarCount == lumbar);
      CHECK(request->vertebraPx == cv::Point2d(512, 416));
      CHECK_FALSE(plan.vertebraToName());
    }
  }
}

TEST_CASE("the naming dialog from the keyboard: digits, S, arrows and one Enter", "[app][levels][ui]") {
  test::UiHarness ui(1280, 1024);
  const ScreenLayout layout = screen1280();
  PlanState plan;
  auto frame = [&] {
    dialogs::beginUiFrame(layout, false);
    drawLevelNaming(plan, nullptr);
  };
  auto open = [&] {
    plan.setTool(PlanTool::Level);
    plan.click({512, 416});
    ui.frame(frame);
  };
  open();
  ui.press(GLFW_KEY_5, frame);
  CHECK(plan.naming().label == "L5");
  ui.press(GLFW_KEY_ENTER, frame);
  auto request = plan.takeLevelRequest();
  REQUIRE(request);
  CHECK(request->label == "L5");
  // The next vertebra starts with nothing chosen again, never with the last one's name.
  open();
  CHECK(plan.naming().label.empty());
  ui.press(GLFW_KEY_S, frame);
  CHECK(plan.naming().label == "S1");
  ui.press(GLFW_KEY_LEFT, frame);
  CHECK(plan.naming().label == "L5");
  ui.press(GLFW_KEY_ENTER, frame);
  request = plan.takeLevelRequest();
  REQUIRE(request);
  CHECK(request->label == "L5");
  // Esc cancels: nothing applied.
  open();
  ui.press(GLFW_KEY_3, frame);
  ui.press(GLFW_KEY_ESCAPE, frame);
  CHECK_FALSE(plan.takeLevelRequest());
  CHECK_FALSE(plan.vertebraToName());
}
