#include <catch2/catch.hpp>

#include "app/LiveDisplay.hpp"
#include "core/FramePool.hpp"

using namespace fg;
using namespace fg::app;

namespace {
core::FrameRef frameAt(core::FramePool& pool, uint64_t id, int64_t arrivalNs) {
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = f.height = 4;
  f.pixelFormat = core::PixelFormat::Gray8;
  f.bitsStored = 8;
  writer.setFormat(f);
  writer.stamp(id, core::kNoTimeNs, arrivalNs);
  return std::move(writer).publish();
}
}  // namespace

TEST_CASE("latency is recorded once per frame shown", "[app][display]") {
  core::ManualClock clock(1'000'000'000);
  core::FramePool pool(4, 16);
  core::LatestSlot<core::FrameRef> slot;
  LiveDisplay display(clock);
  CHECK_FALSE(display.poll(slot));
  slot.publish(frameAt(pool, 1, clock.nowNs()));
  REQUIRE(display.poll(slot));
  clock.advanceNs(12'000'000);
  display.markPresented();
  display.markPresented();  // a redraw of the same frame is not a new sample
  CHECK(display.framesShown() == 1);
  CHECK(display.latency().count == 1);
  CHECK(display.latency().p50Ms == Approx(12.0));
}

TEST_CASE("the picture is marked held, ended or lost", "[app][display]") {
  core::ManualClock clock(0);
  core::FramePool pool(4, 16);
  core::LatestSlot<core::FrameRef> slot;
  LiveDisplay display(clock);
  capture::SourceInfo info;
  info.framePeriodNs = 66'666'667;  // 15/s: hold after 0.5 s (3 periods = 0.2 s is shorter)
  capture::CaptureStats stats;
  stats.state = capture::CaptureState::Running;
  slot.publish(frameAt(pool, 1, 0));
  display.poll(slot);
  clock.advanceNs(100'000'000);
  CHECK(display.streamMark(stats, info, "").condition == render::StreamCondition::Live);
  clock.advanceNs(500'000'000);
  const auto held = display.streamMark(stats, info, "");
  CHECK(held.condition == render::StreamCondition::Held);
  CHECK(held.ageS == Approx(0.6));
  stats.state = capture::CaptureState::Reopening;
  const auto lost = display.streamMark(stats, info, "grabber unplugged");
  CHECK(lost.condition == render::StreamCondition::Lost);
  CHECK(lost.detail == "grabber unplugged");
  stats.state = capture::CaptureState::EndOfStream;
  CHECK(display.streamMark(stats, info, "").condition == render::StreamCondition::Ended);
}

TEST_CASE("counter rate reports per second, twice a second", "[app][display]") {
  CounterRate rate;
  rate.sample(0, 0);
  rate.sample(10, 400'000'000);
  CHECK(rate.perSecond() == 0);  // not yet half a second
  rate.sample(15, 1'000'000'000);
  CHECK(rate.perSecond() == Approx(15.0));
}
