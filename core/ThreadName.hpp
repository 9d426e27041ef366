#pragma once
#include <string_view>

namespace fg::core {
// Names the calling thread (visible in top -H, gdb, perf); Linux keeps 15 characters.
void setCurrentThreadName(std::string_view name);
}  // namespace fg::core
