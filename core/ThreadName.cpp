#include "core/ThreadName.hpp"

#include <pthread.h>

#include <string>

namespace fg::core {
void setCurrentThreadName(std::string_view name) {
  const std::string truncated(name.substr(0, 15));
  pthread_setname_np(pthread_self(), truncated.c_str());
}
}  // namespace fg::core
