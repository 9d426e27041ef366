#!/usr/bin/env bash
# Set-up, build, and the whole test suite: every test of the Release build (offscreen GL on
# Mesa, the window under Xvfb), then the libraries without GL or UI (core, sim, procedure,
# record, capture, guidance) again under AddressSanitizer + UndefinedBehaviorSanitizer and under
# ThreadSanitizer (of sim, only the ray caster, its one multi-threaded part).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs="$(nproc)"

echo "== tests (Release)"
ctest --test-dir build --output-on-failure -j"$jobs" --timeout 300

sanitized() {  # name, sanitizers
  local dir="build-$1"
  echo "== tests of the libraries without GL or UI under $2"
  # -O1 -g1: line numbers in the reports, and builds short enough for CI's time.
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFG_SCOPE=core-capture \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1 -DNDEBUG" -DFG_SANITIZE="$2" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

sanitized asan address,undefined
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" --timeout 300

sanitized tsan thread
# OpenCV and FFmpeg are not built with TSan: keep their worker pools out of the picture, and run
# without address-space randomisation, which TSan's shadow memory layout cannot always handle.
OPENCV_FOR_THREADS_NUM=1 TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" \
  setarch "$(uname -m)" -R ctest --test-dir build-tsan --output-on-failure -j"$jobs" --timeout 300
