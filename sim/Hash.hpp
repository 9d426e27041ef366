#pragma once
// A well-spread 64-bit hash (the splitmix64 finaliser): reproducible per-frame and per-row random
// choices from a seed, without a random engine's state.

#include <cstdint>

namespace fg::sim {

inline uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace fg::sim
