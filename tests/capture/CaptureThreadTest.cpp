#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <deque>
#include <thread>
#include <vector>

#include "capture/CaptureThread.hpp"

using namespace fg;
using namespace fg::capture;

namespace {

// A source that plays a script: each step is a ReadStatus and, for frames, a fill value.
struct Step {
  ReadStatus status;
  uint8_t value = 0;
};

class ScriptedSource final : public FrameSource {
 public:
  ScriptedSource(std::deque<Step> script, bool canReopen, Pacing pacing = Pacing::FramePeriod)
      : script_(std::move(script)), original_(script_) {
    info_.kind = canReopen ? SourceKind::V4l2 : SourceKind::VideoFile;
    info_.description = "scripted";
    info_.format.width = info_.format.height = 16;
    info_.format.pixelFormat = core::PixelFormat::Gray8;
    info_.format.bitsStored = 8;
    info_.framePeriodNs = 40'000'000;
    info_.pacing = pacing;
    info_.canReopen = canReopen;
    error_ = "scripted source lost";
  }
  const SourceInfo& info() const override { return info_; }
  const std::string& lastError() const override { return error_; }
  ReadResult read(std::span<uint8_t> into) override {
    if (script_.empty()) return {ReadStatus::EndOfStream};
    const Step step = script_.front();
    script_.pop_front();
    if (step.status == ReadStatus::Frame) std::memset(into.data(), step.value, into.size());
    return {step.status, step.status == ReadStatus::Frame ? int64_t{step.value} * 1000 : core::kNoTimeNs};
  }
  core::Status rewind() override {
    script_ = original_;
    return core::Status::ok();
  }
  core::Status reopen() override {
    ++reopens;
    return core::Status::ok();
  }
  int reopens = 0;

 private:
  std::deque<Step> script_, original_;
  SourceInfo info_;
  std::string error_;
};

std::deque<Step> frames(std::initializer_list<uint8_t> values) {
  std::deque<Step> out;
  for (uint8_t v : values) out.push_back({ReadStatus::Frame, v});
  return out;
}

void waitUntilFinished(const CaptureThread& capture) {
  // A bounded wait for the thread to reach its end; no timing is asserted.
  for (int i = 0; i < 5000 && !capture.finished(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE(capture.finished());
}

std::vector<uint64_t> historyIds(const core::FrameHub& hub, uint64_t upTo) {
  std::vector<uint64_t> ids;
  for (uint64_t id = 1; id <= upTo; ++id) {
    if (hub.history.find(id).status == core::HistoryLookup::Found) ids.push_back(id);
  }
  return ids;
}

}  // namespace

TEST_CASE("capture stamps monotonic ids and paced arrival times", "[capture][thread]") {
  core::ManualClock clock(1'000'000'000);
  core::FrameHub hub(16);
  CaptureThread capture(std::make_unique<ScriptedSource>(frames({1, 2, 3, 4, 5}), false), hub, clock, {});
  capture.start();
  waitUntilFinished(capture);
  const auto stats = capture.stats();
  CHECK(stats.state == CaptureState::EndOfStream);
  CHECK(stats.framesPublished == 5);
  CHECK(historyIds(hub, 10) == std::vector<uint64_t>{1, 2, 3, 4, 5});
  int64_t previousArrival = 0;
  for (uint64_t id = 1; id <= 5; ++id) {
    auto frame = hub.history.find(id).frame;
    CHECK(frame->bytes()[0] == id);
    CHECK(frame->deviceNs() == static_cast<int64_t>(id) * 1000);
    if (id > 1) CHECK(frame->arrivalNs() - previousArrival == 40'000'000);
    previousArrival = frame->arrivalNs();
  }
  auto newest = hub.display.takeNewerThan(0);
  REQUIRE(newest);
  CHECK(newest->value->id() == 5);
  CHECK(hub.analysis.takeNewerThan(0)->value->id() == 5);
}

TEST_CASE("a dry pool drops the image, counts it and leaves a gap in the ids", "[capture][thread]") {
  core::ManualClock clock;
  core::FrameHub hub(2);
  CaptureConfig config;
  config.poolFrames = 2;  // the history alone holds both frames: the third image finds it dry
  CaptureThread capture(std::make_unique<ScriptedSource>(frames({1, 2, 3, 4, 5, 6}), false,
                                                         Pacing::AsFastAsPossible),
                        hub, clock, config);
  capture.start();
  waitUntilFinished(capture);
  const auto stats = capture.stats();
  CHECK(stats.imagesRead == 6);
  CHECK(stats.framesPublished == 2);
  CHECK(stats.droppedPoolEmpty == 4);
  CHECK(historyIds(hub, 10) == std::vector<uint64_t>{1, 2});
  CHECK(hub.history.find(4).status == core::HistoryLookup::NotYetCaptured);
}

TEST_CASE("ids count dropped images, so the recorder sees the gap", "[capture][thread]") {
  core::ManualClock clock;
  core::FrameHub hub(4);
  CaptureConfig config;
  config.poolFrames = 6;
  CaptureThread capture(std::make_unique<ScriptedSource>(frames({1, 2, 3, 4, 5, 6, 7, 8}), false),
                        hub, clock, config);
  capture.start();
  waitUntilFinished(capture);
  const auto stats = capture.stats();
  CHECK(stats.droppedPoolEmpty == 0);
  CHECK(historyIds(hub, 10) == std::vector<uint64_t>{5, 6, 7, 8});
  CHECK(hub.history.find(2).status == core::HistoryLookup::Evicted);
}

TEST_CASE("repeated frames between pulses get no id", "[capture][thread][repeat]") {
  core::ManualClock clock;
  core::FrameHub hub(16);
  CaptureConfig config;
  config.repeats = RepeatPolicy::Skip;
  CaptureThread capture(
      std::make_unique<ScriptedSource>(frames({10, 10, 10, 50, 50, 90, 90, 90, 90}), false), hub,
      clock, config);
  capture.start();
  waitUntilFinished(capture);
  const auto stats = capture.stats();
  CHECK(stats.repeatsSkipped == 6);
  CHECK(stats.framesPublished == 3);
  CHECK(historyIds(hub, 10) == std::vector<uint64_t>{1, 2, 3});
  CHECK(hub.history.find(2).frame->bytes()[0] == 50);
}

TEST_CASE("a file can loop; ids keep increasing across loops", "[capture][thread]") {
  core::ManualClock clock;
  core::FrameHub hub(64);
  CaptureConfig config;
  config.atEnd = EndPolicy::Loop;
  CaptureThread capture(std::make_unique<ScriptedSource>(frames({1, 2, 3}), false), hub, clock, config);
  capture.start();
  for (int i = 0; i < 5000 && hub.history.newestId() < 10; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  capture.stop();
  CHECK(hub.history.newestId() >= 10);
  CHECK(capture.stats().loops >= 3);
  // Each time round the timeline starts again: the frames say so (analysis starts afresh).
  const uint64_t newest = hub.history.newestId();
  for (uint64_t id = newest - 9; id <= newest; ++id) {
    const auto found = hub.history.find(id);
    REQUIRE(found.frame);
    CHECK(found.frame->timelineEpoch() == (id - 1) / 3);  // three frames, then round again
  }
  CHECK(capture.stats().state == CaptureState::Stopped);
}

TEST_CASE("a lost live device is reopened and capture continues", "[capture][thread][errors]") {
  core::ManualClock clock;
  core::FrameHub hub(16);
  std::deque<Step> script = frames({1, 2});
  script.push_back({ReadStatus::Failed});
  for (auto s : frames({3, 4})) script.push_back(s);
  auto source = std::make_unique<ScriptedSource>(script, true);
  auto* raw = source.get();
  CaptureThread capture(std::move(source), hub, clock, {});
  capture.start();
  waitUntilFinished(capture);
  const auto stats = capture.stats();
  CHECK(stats.readFailures == 1);
  CHECK(stats.reopenAttempts == 1);
  CHECK(raw->reopens == 1);
  CHECK(stats.framesPublished == 4);
  CHECK(capture.lastError() == "scripted source lost");
}

TEST_CASE("a failing file stops capture with its error", "[capture][thread][errors]") {
  core::ManualClock clock;
  core::FrameHub hub(16);
  std::deque<Step> script = frames({1});
  script.push_back({ReadStatus::Failed});
  CaptureThread capture(std::make_unique<ScriptedSource>(script, false), hub, clock, {});
  capture.start();
  waitUntilFinished(capture);
  CHECK(capture.stats().state == CaptureState::Failed);
  CHECK(capture.lastError() == "scripted source lost");
  CHECK(hub.display.takeNewerThan(0)->value->id() == 1);  // the last image is still there to hold
}

TEST_CASE("capture ends after the requested number of images", "[capture][thread]") {
  core::ManualClock clock;
  core::FrameHub hub(16);
  CaptureConfig config;
  config.maxImages = 3;
  CaptureThread capture(std::make_unique<ScriptedSource>(frames({1, 2, 3, 4, 5}), false), hub, clock, config);
  capture.start();
  waitUntilFinished(capture);
  CHECK(capture.stats().state == CaptureState::EndOfStream);
  CHECK(capture.stats().framesPublished == 3);
  CHECK(hub.history.newestId() == 3);
}
