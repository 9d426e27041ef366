#include <catch2/catch.hpp>

#include "app/StatusBar.hpp"

using namespace fg;
using namespace fg::app;

TEST_CASE("the screen says LIVE only of a live source", "[app][status]") {
  StatusSnapshot s;
  CHECK(streamStateLabel(s) == "NO SOURCE");
  s.hasSource = true;
  s.framesShown = 10;
  s.stream.mode = render::StreamMode::Live;
  s.stream.condition = render::StreamCondition::Live;
  CHECK(streamStateLabel(s) == "LIVE");
  s.stream.condition = render::StreamCondition::Held;
  CHECK(streamStateLabel(s) == "LIVE HOLD");
  s.stream.mode = render::StreamMode::Simulated;
  CHECK(streamStateLabel(s) == "SIMULATED HOLD");
  s.stream.condition = render::StreamCondition::Live;
  CHECK(streamStateLabel(s) == "SIMULATED");
  // A replay or a file: never LIVE, never a last-image-hold, PAUSED when paused.
  for (auto mode : {render::StreamMode::Replay, render::StreamMode::Playback}) {
    s.stream.mode = mode;
    const std::string name = render::toString(mode);
    s.stream.paused = false;
    s.stream.condition = render::StreamCondition::Live;
    CHECK(streamStateLabel(s) == name);
    s.stream.condition = render::StreamCondition::Held;
    CHECK(streamStateLabel(s) == name);
    s.stream.paused = true;
    CHECK(streamStateLabel(s) == name + " PAUSED");
    s.stream.paused = false;
    s.stream.condition = render::StreamCondition::Ended;
    CHECK(streamStateLabel(s) == name + " END");
  }
  s.stream.condition = render::StreamCondition::Lost;
  CHECK(streamStateLabel(s) == "LOST");
}
