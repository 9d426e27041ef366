#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "capture/DecodedFrameCache.hpp"

using namespace fg;
using namespace fg::capture;
using namespace std::chrono_literals;

namespace {
// Frames whose every byte is the frame's index; each read takes a while, like a codec, and is
// counted.
class SlowFrames final : public FrameSequence {
 public:
  explicit SlowFrames(std::atomic<int>& reads) : reads_(reads) {
    format_.width = 16;
    format_.height = 8;
    format_.pixelFormat = core::PixelFormat::Gray8;
    format_.bitsStored = 8;
    timeline_.segments = {{"cine", 0, 40}};
  }
  const core::FrameFormat& format() const override { return format_; }
  size_t frameCount() const override { return 40; }
  int64_t frameTimeNs(size_t index) const override { return static_cast<int64_t>(index) * 1000; }
  const ReplayTimeline& timeline() const override { return timeline_; }
  const std::string& description() const override { return description_; }
  core::Status readFrame(size_t index, std::span<uint8_t> into) override {
    std::this_thread::sleep_for(2ms);
    ++reads_;
    std::fill(into.begin(), into.begin() + static_cast<long>(format_.byteCount()),
              static_cast<uint8_t>(index));
    return core::Status::ok();
  }

 private:
  std::atomic<int>& reads_;
  core::FrameFormat format_;
  ReplayTimeline timeline_;
  std::string description_ = "slow frames";
};
}  // namespace

TEST_CASE("a compressed cine is decoded once in the background, then read back from the cache",
          "[capture][replay]") {
  std::atomic<int> onDemandReads{0}, backgroundReads{0};
  auto cached = cacheDecodedFrames(std::make_unique<SlowFrames>(onDemandReads),
                                   std::make_unique<SlowFrames>(backgroundReads));
  const auto prepared = cached->framesPrepared();
  REQUIRE(prepared != nullptr);
  std::vector<uint8_t> frame(cached->format().byteCount());
  // Before the cache has it, a frame is decoded on the spot, correctly.
  REQUIRE(cached->readFrame(39, frame).isOk());
  CHECK(frame.front() == 39);
  for (int i = 0; i < 500 && prepared->load() < 40; ++i) std::this_thread::sleep_for(10ms);
  REQUIRE(prepared->load() == 40);
  CHECK(backgroundReads.load() == 40);  // each frame once
  // From the cache: every frame right, with no decoding.
  const int before = onDemandReads.load();
  for (size_t i : {size_t{0}, size_t{17}, size_t{39}, size_t{5}}) {
    REQUIRE(cached->readFrame(i, frame).isOk());
    CHECK(frame.front() == i);
    CHECK(frame.back() == i);
  }
  CHECK(onDemandReads.load() == before);
  // The rest passes through.
  CHECK(cached->frameCount() == 40);
  CHECK(cached->frameTimeNs(3) == 3000);
  CHECK(cached->description() == "slow frames");
}

TEST_CASE("a cache closed while it fills stops at once", "[capture][replay]") {
  std::atomic<int> a{0}, b{0};
  auto cached =
      cacheDecodedFrames(std::make_unique<SlowFrames>(a), std::make_unique<SlowFrames>(b));
  std::this_thread::sleep_for(5ms);
  const auto t0 = std::chrono::steady_clock::now();
  cached.reset();
  CHECK(std::chrono::steady_clock::now() - t0 < 500ms);
  CHECK(b.load() < 40);
}
