#pragma once
// One offscreen GL context for the whole test executable (EGL surfaceless on Mesa llvmpipe).
#include <catch2/catch.hpp>

#include "render/EglOffscreen.hpp"

namespace fg::test {
inline render::EglOffscreen& glContext() {
  static auto context = render::EglOffscreen::create();
  if (!context.isOk()) FAIL(context.status().message());
  return *context.value();
}
}  // namespace fg::test
