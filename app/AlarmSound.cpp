#include "app/AlarmSound.hpp"

#include <alsa/asoundlib.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cmath>
#include <vector>

#include "core/ThreadName.hpp"

namespace fg::app {
namespace {
constexpr unsigned kRateHz = 44100;
constexpr double kPi = 3.14159265358979323846;

// 2 x 150 ms tones (880 Hz, then 660 Hz) at a moderate level.
std::vector<int16_t> beep() {
  std::vector<int16_t> samples;
  for (const double hz : {880.0, 660.0}) {
    for (unsigned i = 0; i < kRateHz * 15 / 100; ++i) {
      const double fade = std::min(1.0, std::min(i, kRateHz * 15 / 100 - i) / 400.0);
      samples.push_back(static_cast<int16_t>(9000.0 * fade * std::sin(2 * kPi * hz * i / kRateHz)));
    }
  }
  return samples;
}
}  // namespace

AlarmSound::AlarmSound() : thread_([this](std::stop_token stop) { run(stop); }) {}

AlarmSound::~AlarmSound() = default;

std::string AlarmSound::problem() const {
  return failed_ ? "no audio device: the fluoroscopy alarm is visual only" : "";
}

void AlarmSound::run(std::stop_token stop) {
  core::setCurrentThreadName("fg-alarm");
  const std::vector<int16_t> tone = beep();
  while (!stop.stop_requested()) {
    if (!on_ || failed_) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    snd_pcm_t* pcm = nullptr;
    if (snd_pcm_open(&pcm, "default", SND_PCM_STREAM_PLAYBACK, 0) < 0 ||
        snd_pcm_set_params(pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, 1, kRateHz, 1,
                           200000) < 0) {
      if (pcm != nullptr) snd_pcm_close(pcm);
      failed_ = true;
      spdlog::warn(
          "alarm sound: no audio output could be opened; the fluoroscopy alarm is visual only");
      continue;
    }
    snd_pcm_writei(pcm, tone.data(), tone.size());
    snd_pcm_drain(pcm);
    snd_pcm_close(pcm);
    for (int i = 0; i < 17 && on_ && !stop.stop_requested(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace fg::app
