// One producer at full speed, three consumers with the DESIGN.md semantics, checked for the
// properties each relies on. Run under ThreadSanitizer by the test command.
#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <thread>

#include "core/FrameHub.hpp"
#include "core/FramePool.hpp"

using namespace fg::core;
using namespace std::chrono_literals;

TEST_CASE("concurrent hand-off keeps ids ordered, frames intact and the pool whole",
          "[core][stress]") {
  constexpr uint64_t kFrames = 20000;
  constexpr int kPixels = 32 * 32;
  FramePool pool(24, kPixels);
  FrameHub hub(8);
  std::atomic<bool> done{false};
  std::atomic<uint64_t> dropped{0}, torn{0}, disorder{0}, recorderFound{0}, recorderMissed{0};

  auto checkFrame = [&](const FrameRef& f) {
    const uint8_t expect = static_cast<uint8_t>(f->id());
    for (uint8_t b : f->bytes()) {
      if (b != expect) {
        ++torn;
        return;
      }
    }
  };

  std::jthread producer([&] {
    FrameFormat format;
    format.width = format.height = 32;
    format.pixelFormat = PixelFormat::Gray8;
    format.bitsStored = 8;
    for (uint64_t id = 1; id <= kFrames; ++id) {
      auto writer = pool.acquire();
      if (!writer) {
        ++dropped;
        continue;
      }
      writer.setFormat(format);
      std::fill(writer.bytes().begin(), writer.bytes().end(), static_cast<uint8_t>(id));
      writer.stamp(id, kNoTimeNs, static_cast<int64_t>(id));
      hub.publish(std::move(writer).publish());
    }
    done = true;
  });

  auto newestReader = [&](LatestSlot<FrameRef>& slot) {
    uint64_t seen = 0, lastId = 0;
    while (!done || slot.sequence() > seen) {
      auto item = slot.waitNewerThan(seen, 2ms);
      if (!item) continue;
      seen = item->sequence;
      if (item->value->id() <= lastId) ++disorder;
      lastId = item->value->id();
      checkFrame(item->value);
      FrameRef held = item->value;  // hold it a little, as the display does
      std::this_thread::yield();
    }
  };
  std::jthread display([&] { newestReader(hub.display); });
  std::jthread analysis([&] { newestReader(hub.analysis); });
  std::jthread recorder([&] {
    uint64_t want = 1;
    while (want <= kFrames) {
      auto lookup = hub.history.find(want);
      switch (lookup.status) {
        case HistoryLookup::Found:
          checkFrame(lookup.frame);
          ++recorderFound;
          ++want;
          break;
        case HistoryLookup::NotYetCaptured:
          if (done) ++want;  // only drops remain past the end
          else std::this_thread::yield();
          break;
        default:  // evicted or dropped: a gap the recorder would write into its index
          ++recorderMissed;
          ++want;
      }
    }
  });
  producer.join();
  display.join();
  analysis.join();
  recorder.join();

  CHECK(torn == 0);
  CHECK(disorder == 0);
  CHECK(recorderFound + recorderMissed == kFrames);
  hub.display.clear();
  hub.analysis.clear();
  // Everything comes home except what the history still holds.
  CHECK(pool.available() == pool.frameCount() - hub.history.size());
}
