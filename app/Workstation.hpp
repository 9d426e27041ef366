#pragma once
#include "app/AppOptions.hpp"

namespace fg::app {

// Exit code of runWorkstation when no display could be opened (the caller falls back to headless).
inline constexpr int kNoDisplayExit = -100;

// The workstation window: GLFW + Dear ImGui. The one file that owns the window and the backends.
int runWorkstation(const AppOptions& options);

}  // namespace fg::app
