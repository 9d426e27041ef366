#include <catch2/catch.hpp>

#include "app/PlanState.hpp"

using namespace fg::app;

TEST_CASE("target and entry are placed, nudged, dragged and undone", "[app][plan]") {
  PlanState plan;
  plan.setTool(PlanTool::Target);
  plan.click({100, 200});
  REQUIRE(plan.plan().targetPx);
  CHECK(plan.tool() == PlanTool::None);  // one click places one marker
  CHECK(plan.selected() == PlanMarker::Target);
  plan.nudge({10, 0});
  CHECK(plan.plan().targetPx->x == 110);
  plan.setTool(PlanTool::Entry);
  plan.click({300, 400});
  CHECK(plan.markerNear({302, 401}, 5) == PlanMarker::Entry);
  CHECK(plan.markerNear({200, 200}, 5) == PlanMarker::None);
  plan.beginDrag(PlanMarker::Target);
  plan.dragTo({120, 210});
  plan.dragTo({130, 220});
  CHECK(plan.plan().targetPx->x == 130);
  REQUIRE(plan.undo());  // the whole drag at once
  CHECK(plan.plan().targetPx->x == 110);
  REQUIRE(plan.undo());  // the entry
  CHECK_FALSE(plan.plan().entryPx);
  plan.clear();
  CHECK_FALSE(plan.plan().targetPx);
  REQUIRE(plan.undo());
  CHECK(plan.plan().targetPx);
}

TEST_CASE("calibration takes two points and a known distance", "[app][plan][errors]") {
  PlanState plan;
  plan.setTool(PlanTool::CalibrateFirst);
  plan.click({10, 10});
  CHECK(plan.tool() == PlanTool::CalibrateSecond);
  plan.click({10, 210});
  REQUIRE(plan.awaitingDistance());
  CHECK_FALSE(plan.finishCalibration(-3).isOk());
  CHECK(plan.awaitingDistance());
  REQUIRE(plan.finishCalibration(50).isOk());
  CHECK(plan.calibratedMmPerPx() == Approx(0.25));
  CHECK_FALSE(plan.awaitingDistance());
}

namespace {
fg::guidance::LevelState shownLevels() {
  fg::guidance::LevelState s;
  s.markers = {{"L3", {512, 226}}, {"L4", {512, 416}}, {"L5", {512, 606}}};
  s.counting = fg::guidance::LevelCounting::FromSacrum;
  s.lumbarCount = 5;
  return s;
}
}  // namespace

TEST_CASE("a vertebra pointed at and named becomes a request to find and count the others",
          "[app][plan][levels]") {
  PlanState plan;
  plan.setTool(PlanTool::Level);
  plan.click({512, 416});
  REQUIRE(plan.vertebraToName());
  CHECK_FALSE(plan.takeLevelRequest());  // nothing asked until it is named
  LevelNaming naming;
  naming.label = "L4";
  naming.counting = fg::guidance::LevelCounting::FromTwelfthRib;
  naming.lumbarCount = 6;
  REQUIRE(plan.nameVertebra(naming, {}).isOk());
  const auto request = plan.takeLevelRequest();
  REQUIRE(request);
  CHECK(request->kind == fg::guidance::LevelRequest::Kind::FromOneVertebra);
  CHECK(request->label == "L4");
  CHECK(request->vertebraPx == cv::Point2d(512, 416));
  CHECK(request->counting == fg::guidance::LevelCounting::FromTwelfthRib);
  CHECK(request->lumbarCount == 6);
  CHECK_FALSE(plan.vertebraToName());
  CHECK_FALSE(plan.takeLevelRequest());  // taken once
}

TEST_CASE("level markers are dragged, nudged, removed and undone with the plan's undo",
          "[app][plan][levels]") {
  PlanState plan;
  const auto shown = shownLevels();
  REQUIRE(plan.levelNear(shown, {515, 420}, 8) == std::optional<size_t>(1));
  plan.beginLevelDrag(1, shown);
  plan.dragTo({520, 430});
  REQUIRE(plan.draggedLevels());
  CHECK((*plan.draggedLevels())[1].centerPx == cv::Point2d(520, 430));
  CHECK_FALSE(plan.takeLevelRequest());  // sent when the drag ends
  plan.endLevelDrag();
  auto moved = plan.takeLevelRequest();
  REQUIRE(moved);
  CHECK(moved->kind == fg::guidance::LevelRequest::Kind::Markers);
  CHECK(moved->markers[1].label == "L4");  // a marker moved by hand keeps its name
  CHECK(moved->markers[1].centerPx == cv::Point2d(520, 430));
  CHECK(moved->counting == fg::guidance::LevelCounting::FromSacrum);
  // The keyboard: Tab selects the next marker (after the one dragged), arrows nudge it.
  plan.selectNextLevel(shown);
  REQUIRE(plan.selectedLevel() == std::optional<size_t>(2));
  plan.nudgeLevel({0, -10}, shown);
  auto nudged = plan.takeLevelRequest();
  REQUIRE(nudged);
  CHECK(nudged->markers[2].centerPx == cv::Point2d(512, 596));
  plan.removeLevel(2, shown);
  auto removed = plan.takeLevelRequest();
  REQUIRE(removed);
  CHECK(removed->markers.size() == 2);
  // Undo puts back the markers as they were before the last edit.
  REQUIRE(plan.undo());
  auto undone = plan.takeLevelRequest();
  REQUIRE(undone);
  CHECK(undone->markers.size() == 3);
  plan.clearLevels(shown);
  auto cleared = plan.takeLevelRequest();
  REQUIRE(cleared);
  CHECK(cleared->kind == fg::guidance::LevelRequest::Kind::Clear);
}

TEST_CASE("the time-out records level, side, time and frame", "[app][plan][levels]") {
  PlanState plan;
  CHECK_FALSE(plan.timeOut());
  const uint64_t before = plan.revision();
  plan.confirmTimeOut({"L4-5", Side::Left, "10:42:00", 321});
  REQUIRE(plan.timeOut());
  CHECK(plan.timeOut()->level == "L4-5");
  CHECK(plan.timeOut()->side == Side::Left);
  CHECK(plan.revision() > before);
  CHECK(std::string(toString(Side::Bilateral)) == "BILATERAL");
  CHECK(sideFromName("midline") == Side::Midline);
  CHECK(sideFromName("up") == Side::Invalid);
}

TEST_CASE("the ruler takes two clicks and the angle three; Esc drops a half-placed one", "[app][plan][measurement]") {
  PlanState plan;
  plan.setTool(PlanTool::Distance);
  plan.click({10, 10});
  CHECK(plan.measurements().empty());
  CHECK(plan.measuring().size() == 1);
  plan.click({10, 60});
  REQUIRE(plan.measurements().size() == 1);
  CHECK(plan.measurements()[0].kind == fg::guidance::MeasurementKind::Distance);
  CHECK(plan.tool() == PlanTool::None);
  plan.setTool(PlanTool::Angle);
  plan.click({0, 0});
  plan.click({5, 5});
  plan.setTool(PlanTool::None);  // Esc
  CHECK(plan.measuring().empty());
  CHECK(plan.measurements().size() == 1);
  plan.setTool(PlanTool::Angle);
  for (cv::Point2d p : {cv::Point2d(10, 0), cv::Point2d(0, 0), cv::Point2d(0, 10)}) plan.click(p);
  REQUIRE(plan.measurements().size() == 2);
  CHECK(plan.measurements()[1].pointsPx.size() == 3);
  plan.clearMeasurements();
  CHECK(plan.measurements().empty());
}
