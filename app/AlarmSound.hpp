#pragma once
// The audible part of an alarm: a short two-tone beep every two seconds while the alarm stands,
// played through ALSA (the default output) on its own thread so the screen never waits for the
// sound card. With no audio device the alarm stays visual, and that is reported once.

#include <atomic>
#include <string>
#include <thread>

namespace fg::app {

class AlarmSound {
 public:
  AlarmSound();
  ~AlarmSound();
  AlarmSound(const AlarmSound&) = delete;
  AlarmSound& operator=(const AlarmSound&) = delete;

  // Sounds while `on` (called every UI frame with the alarm's state).
  void set(bool on) { on_ = on; }
  // Why there is no sound ("" while it works or before it was needed).
  std::string problem() const;

 private:
  void run(std::stop_token stop);
  std::atomic<bool> on_{false};
  std::atomic<bool> failed_{false};
  std::jthread thread_;
};

}  // namespace fg::app
