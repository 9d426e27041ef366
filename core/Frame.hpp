#pragma once
// One captured image and its stamps. Frames live in a FramePool; the capture thread fills one
// through a FrameWriter (exclusive, mutable) and publishes it as a FrameRef (shared, immutable).
//
// Why not shared_ptr<const Frame>: its control block is allocated per publish, and the capture
// thread must not allocate once started. FrameRef is an intrusive reference count on the pooled
// frame; the last reference returns the frame to its pool, never to the heap.

#include <atomic>
#include <cstdint>
#include <span>
#include <vector>

#include "core/Clock.hpp"
#include "core/FrameFormat.hpp"

namespace fg::core {

namespace detail {
struct PoolStorage;
}

class Frame {
 public:
  Frame() = default;
  Frame(const Frame&) = delete;
  Frame& operator=(const Frame&) = delete;

  const FrameFormat& format() const { return format_; }
  uint64_t id() const { return id_; }                // monotonic per capture session, gaps = drops
  int64_t deviceNs() const { return deviceNs_; }     // the source's own time, or kNoTimeNs
  int64_t arrivalNs() const { return arrivalNs_; }   // steady clock, right after the copy out
  // Changes when the source's timeline restarts (a file looped, a replay seeked): nothing seen
  // before it says anything about what follows (no mask, no spread, no pattern carries over).
  uint32_t timelineEpoch() const { return epoch_; }
  std::span<const uint8_t> bytes() const { return {pixels_.data(), format_.byteCount()}; }
  template <class Pixel>
  const Pixel* row(int y) const {
    return reinterpret_cast<const Pixel*>(pixels_.data() + format_.bytesPerRow() * y);
  }
  // Pixel value as an integer, whichever the format (slow path: tests, probes, tools).
  int valueAt(int x, int y) const;

 private:
  friend class FrameWriter;
  friend class FrameRef;
  friend struct detail::PoolStorage;

  FrameFormat format_;
  uint64_t id_ = 0;
  int64_t deviceNs_ = kNoTimeNs;
  int64_t arrivalNs_ = kNoTimeNs;
  uint32_t epoch_ = 0;
  std::vector<uint8_t> pixels_;  // sized once, at pool creation
  std::atomic<uint32_t> refs_{0};
  detail::PoolStorage* home_ = nullptr;
};

// Shared, read-only handle. Copying costs one atomic increment and never allocates.
class FrameRef {
 public:
  FrameRef() = default;
  FrameRef(const FrameRef& other) noexcept;
  FrameRef(FrameRef&& other) noexcept : frame_(other.frame_) { other.frame_ = nullptr; }
  FrameRef& operator=(const FrameRef& other) noexcept;
  FrameRef& operator=(FrameRef&& other) noexcept;
  ~FrameRef() { reset(); }

  void reset() noexcept;
  const Frame* get() const { return frame_; }
  const Frame* operator->() const { return frame_; }
  const Frame& operator*() const { return *frame_; }
  explicit operator bool() const { return frame_ != nullptr; }

 private:
  friend class FrameWriter;
  explicit FrameRef(Frame* adopted) : frame_(adopted) {}
  Frame* frame_ = nullptr;
};

// Exclusive, writable lease of a pooled frame; returns it to the pool unless published.
class FrameWriter {
 public:
  FrameWriter() = default;
  FrameWriter(const FrameWriter&) = delete;
  FrameWriter& operator=(const FrameWriter&) = delete;
  FrameWriter(FrameWriter&& other) noexcept : frame_(other.frame_) { other.frame_ = nullptr; }
  FrameWriter& operator=(FrameWriter&& other) noexcept;
  ~FrameWriter();

  explicit operator bool() const { return frame_ != nullptr; }
  // Sets the shape; false when the pool's frames are too small for it.
  bool setFormat(const FrameFormat& format);
  const FrameFormat& format() const { return frame_->format_; }
  std::span<uint8_t> bytes() { return {frame_->pixels_.data(), frame_->format_.byteCount()}; }
  size_t capacityBytes() const { return frame_->pixels_.size(); }
  void stamp(uint64_t id, int64_t deviceNs, int64_t arrivalNs, uint32_t timelineEpoch = 0);
  // Hands the frame over; the writer is empty afterwards.
  FrameRef publish() &&;

 private:
  friend struct detail::PoolStorage;
  explicit FrameWriter(Frame* frame) : frame_(frame) {}
  Frame* frame_ = nullptr;
};

}  // namespace fg::core
