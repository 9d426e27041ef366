#include "core/FramePool.hpp"

#include <cassert>
#include <memory>
#include <mutex>
#include <vector>

namespace fg::core {
namespace detail {

struct PoolStorage {
  PoolStorage(size_t count, size_t bytes) : frames(std::make_unique<Frame[]>(count)), frameCount(count),
                                            bytesPerFrame(bytes) {
    free.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      frames[i].pixels_.resize(bytes);
      frames[i].home_ = this;
      free.push_back(&frames[i]);
    }
  }

  FrameWriter acquire() {
    Frame* frame = nullptr;
    {
      std::lock_guard lock(mutex);
      if (free.empty()) return FrameWriter();
      frame = free.back();
      free.pop_back();
    }
    holders.fetch_add(1, std::memory_order_relaxed);
    frame->format_ = FrameFormat{};
    frame->id_ = 0;
    frame->deviceNs_ = kNoTimeNs;
    frame->arrivalNs_ = kNoTimeNs;
    return FrameWriter(frame);
  }

  void release(Frame* frame) {
    {
      std::lock_guard lock(mutex);
      free.push_back(frame);  // capacity reserved for every frame: never allocates
    }
    dropHolder();
  }

  void dropHolder() {
    if (holders.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  std::unique_ptr<Frame[]> frames;
  const size_t frameCount;
  const size_t bytesPerFrame;
  mutable std::mutex mutex;
  std::vector<Frame*> free;
  std::atomic<size_t> holders{1};  // the pool itself plus every frame out of it
};

}  // namespace detail

FramePool::FramePool(size_t frameCount, size_t bytesPerFrame)
    : storage_(new detail::PoolStorage(frameCount, bytesPerFrame)) {}

FramePool::~FramePool() { storage_->dropHolder(); }

FrameWriter FramePool::acquire() { return storage_->acquire(); }
size_t FramePool::frameCount() const { return storage_->frameCount; }
size_t FramePool::bytesPerFrame() const { return storage_->bytesPerFrame; }
size_t FramePool::available() const {
  std::lock_guard lock(storage_->mutex);
  return storage_->free.size();
}

// ---- Frame, FrameRef, FrameWriter ----

int Frame::valueAt(int x, int y) const {
  if (format_.pixelFormat == PixelFormat::Gray16) return row<uint16_t>(y)[x];
  return row<uint8_t>(y)[x];
}

FrameRef::FrameRef(const FrameRef& other) noexcept : frame_(other.frame_) {
  if (frame_) frame_->refs_.fetch_add(1, std::memory_order_relaxed);
}

FrameRef& FrameRef::operator=(const FrameRef& other) noexcept {
  if (this != &other) {
    FrameRef copy(other);
    *this = std::move(copy);
  }
  return *this;
}

FrameRef& FrameRef::operator=(FrameRef&& other) noexcept {
  if (this != &other) {
    reset();
    frame_ = other.frame_;
    other.frame_ = nullptr;
  }
  return *this;
}

void FrameRef::reset() noexcept {
  if (frame_ && frame_->refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    frame_->home_->release(frame_);
  }
  frame_ = nullptr;
}

FrameWriter& FrameWriter::operator=(FrameWriter&& other) noexcept {
  if (this != &other) {
    if (frame_) frame_->home_->release(frame_);
    frame_ = other.frame_;
    other.frame_ = nullptr;
  }
  return *this;
}

FrameWriter::~FrameWriter() {
  if (frame_) frame_->home_->release(frame_);
}

bool FrameWriter::setFormat(const FrameFormat& format) {
  assert(frame_ && "setFormat on an empty FrameWriter: check the result of FramePool::acquire()");
  if (!format.valid() || format.byteCount() > frame_->pixels_.size()) return false;
  frame_->format_ = format;
  return true;
}

void FrameWriter::stamp(uint64_t id, int64_t deviceNs, int64_t arrivalNs, uint32_t timelineEpoch) {
  frame_->id_ = id;
  frame_->epoch_ = timelineEpoch;
  frame_->deviceNs_ = deviceNs;
  frame_->arrivalNs_ = arrivalNs;
}

FrameRef FrameWriter::publish() && {
  assert(frame_ && "publish on an empty FrameWriter");
  frame_->refs_.store(1, std::memory_order_release);
  Frame* frame = frame_;
  frame_ = nullptr;
  return FrameRef(frame);
}

}  // namespace fg::core
