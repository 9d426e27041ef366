#pragma once
// A fixed set of frames allocated once. acquire() never allocates; when every frame is in use it
// returns an empty writer and the caller drops the image and counts it (overflow policy: drop
// newest). Frames still referenced when the pool is destroyed keep its storage alive until the
// last one is released.

#include <cstddef>

#include "core/Frame.hpp"

namespace fg::core {

class FramePool {
 public:
  FramePool(size_t frameCount, size_t bytesPerFrame);
  ~FramePool();
  FramePool(const FramePool&) = delete;
  FramePool& operator=(const FramePool&) = delete;

  FrameWriter acquire();
  size_t frameCount() const;
  size_t bytesPerFrame() const;
  size_t available() const;

 private:
  detail::PoolStorage* storage_;
};

}  // namespace fg::core
