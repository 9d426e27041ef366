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
