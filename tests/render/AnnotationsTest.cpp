#include <catch2/catch.hpp>

#include "render/ImageAnnotations.hpp"

using namespace fg;
using namespace fg::render;

namespace {
core::FrameFormat apFormat(double spacing) {
  core::FrameFormat f;
  f.width = f.height = 1000;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = spacing;
  f.orientation = {core::PatientDirection("L"), core::PatientDirection("F")};
  return f;
}
bool hasText(const OverlayList& list, const std::string& needle) {
  for (const auto& t : list.texts()) {
    if (t.text.find(needle) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("scale bar picks a round length near a sixth of the view", "[render][annotations]") {
  CHECK(chooseScaleBarMm(0.2, 1000) == 20);   // 1000 px * 0.2 mm / 6 = 33 mm -> 20 mm
  CHECK(chooseScaleBarMm(0.05, 1000) == 5);   // 8.3 mm -> 5 mm
  CHECK(chooseScaleBarMm(1.0, 1200) == 200);
}

TEST_CASE("scale bar length on screen matches the spacing", "[render][annotations]") {
  OverlayList list;
  ViewTransform view(1000, 1000, 1000, 1000, {});  // 1 viewport px per image px
  addScaleBar(list, view, apFormat(0.2));
  REQUIRE_FALSE(list.lines().empty());
  const auto& bar = list.lines().front().points;
  CHECK(bar[1].x - bar[0].x == Approx(20.0 / 0.2));  // 20 mm at 0.2 mm/px = 100 px
  CHECK(hasText(list, "20 mm"));
}

TEST_CASE("without spacing the view says the scale is unknown", "[render][annotations]") {
  OverlayList list;
  addScaleBar(list, ViewTransform(800, 800, 1000, 1000, {}), apFormat(0));
  CHECK(list.lines().empty());
  CHECK(hasText(list, "scale unknown"));
}

TEST_CASE("orientation letters for an AP view: R on the left, H on top", "[render][annotations]") {
  OverlayList list;
  addOrientationLabels(list, ViewTransform(800, 800, 1000, 1000, {}), apFormat(0.2));
  REQUIRE(list.texts().size() == 4);
  CHECK(list.texts()[0].text == "R");
  CHECK(list.texts()[0].anchor.x < 100);
  CHECK(list.texts()[2].text == "H");
  CHECK(list.texts()[2].anchor.y < 100);
}

TEST_CASE("orientation letters follow the picture turned to match the monitor", "[render][annotations]") {
  auto letters = [](ViewOrientation o) {
    ViewState state;
    state.orientation = o;
    OverlayList list;
    addOrientationLabels(list, ViewTransform(800, 800, 1000, 1000, state), apFormat(0.2));
    REQUIRE(list.texts().size() == 4);
    // left, right, top, bottom
    return list.texts()[0].text + list.texts()[1].text + list.texts()[2].text + list.texts()[3].text;
  };
  CHECK(letters({}) == "RLHF");
  CHECK(letters({0, true, false}) == "LRHF");   // mirrored left-right
  CHECK(letters({0, false, true}) == "RLFH");   // top-bottom
  CHECK(letters({1, false, false}) == "FHRL");  // a quarter turn clockwise: the head to the right
  CHECK(letters({2, false, false}) == "LRFH");
}

TEST_CASE("stream marks say why the image is not live", "[render][annotations]") {
  ViewTransform view(800, 800, 1000, 1000, {});
  OverlayList live, held, lost;
  addStreamMark(live, view, {StreamCondition::Live, 0.1, ""});
  addStreamMark(held, view, {StreamCondition::Held, 3.25, ""});
  addStreamMark(lost, view, {StreamCondition::Lost, 1.0, "device unplugged"});
  CHECK(hasText(live, "LIVE"));  // a live grabber's current image says so
  CHECK_FALSE(hasText(live, "HOLD"));
  CHECK(hasText(held, "LAST IMAGE HOLD"));
  CHECK(hasText(held, "3.2 s"));
  CHECK(hasText(lost, "SOURCE LOST"));
  CHECK(hasText(lost, "device unplugged"));
  // A simulated case is never called live; a replay or a file says what it is, and PAUSED.
  OverlayList sim, replay, paused, file;
  addStreamMark(sim, view, {StreamCondition::Live, 0.1, "", StreamMode::Simulated});
  addStreamMark(replay, view, {StreamCondition::Held, 2.0, "", StreamMode::Replay});
  addStreamMark(paused, view, {StreamCondition::Held, 9.0, "", StreamMode::Replay, true});
  addStreamMark(file, view, {StreamCondition::Ended, 1.0, "", StreamMode::Playback});
  CHECK(hasText(sim, "SIMULATED"));
  CHECK_FALSE(hasText(sim, "LIVE"));
  CHECK(hasText(replay, "REPLAY"));
  CHECK_FALSE(hasText(replay, "HOLD"));
  CHECK(hasText(paused, "REPLAY - PAUSED"));
  CHECK(hasText(file, "PLAYBACK - END"));
  CHECK_FALSE(hasText(file, "LIVE"));
}
