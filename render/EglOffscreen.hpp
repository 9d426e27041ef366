#pragma once
// An OpenGL 3.3 core context with no window and no X server: EGL's surfaceless platform (Mesa,
// also llvmpipe on machines without a GPU), else the first EGL device (NVIDIA). Used by the
// headless mode, the bench and the render tests; everything draws into a RenderTarget.

#include <memory>
#include <string>

#include "core/Status.hpp"

namespace fg::render {

class EglOffscreen {
 public:
  static core::Result<std::unique_ptr<EglOffscreen>> create();
  ~EglOffscreen();
  EglOffscreen(const EglOffscreen&) = delete;
  EglOffscreen& operator=(const EglOffscreen&) = delete;

  const std::string& description() const { return description_; }  // "OpenGL 4.5 (llvmpipe ...)"

 private:
  EglOffscreen() = default;
  void* display_ = nullptr;
  void* context_ = nullptr;
  std::string description_;
};

// "OpenGL <version> on <renderer>" of the current context.
std::string describeCurrentContext();

}  // namespace fg::render
