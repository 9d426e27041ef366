#include <catch2/catch.hpp>

#include "guidance/LevelReading.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
// An AP view: image +x is the patient's left, +y the feet; vertebrae 190 px apart down the middle.
core::FrameFormat apFormat() {
  core::FrameFormat f;
  f.width = f.height = 1024;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  f.orientation = {core::PatientDirection("L"), core::PatientDirection("F")};
  return f;
}
const std::vector<LevelMarker> kMarkers = {
    {"L5", {512, 606}}, {"L3", {512, 226}}, {"L4", {512, 416}}};
}  // namespace

TEST_CASE("the level at a point: an interspace between two markers, or a vertebra near one",
          "[guidance][levels]") {
  const auto o = apFormat().orientation;
  CHECK(levelAt(kMarkers, {520, 510}, o) == std::optional<std::string>("L4-5"));
  CHECK(levelAt(kMarkers, {500, 320}, o) == std::optional<std::string>("L3-4"));
  CHECK(levelAt(kMarkers, {512, 420}, o) == std::optional<std::string>("L4"));
  CHECK(levelAt(kMarkers, {512, 640}, o) == std::optional<std::string>("L5"));
  CHECK_FALSE(levelAt(kMarkers, {512, 900}, o));  // below the last marker
  CHECK_FALSE(levelAt({kMarkers[0]}, {512, 600}, o));
}

TEST_CASE("the side of a point from the spine's midline, as the patient's", "[guidance][levels]") {
  const core::FrameFormat f = apFormat();
  CHECK(sideAt(kMarkers, {560, 510}, f) ==
        PatientSide::Left);  // 14 mm toward image +x: the patient's left
  CHECK(sideAt(kMarkers, {470, 510}, f) == PatientSide::Right);
  CHECK(sideAt(kMarkers, {517, 510}, f) == PatientSide::Midline);  // 1.5 mm off
  core::FrameFormat unknown = f;
  unknown.orientation = {};
  CHECK(sideAt(kMarkers, {560, 510}, unknown) == PatientSide::Unknown);
  core::FrameFormat lateral = f;  // image x anterior: no left or right on the image
  lateral.orientation = {core::PatientDirection("A"), core::PatientDirection("F")};
  CHECK(sideAt(kMarkers, {560, 510}, lateral) == PatientSide::Unknown);
}
