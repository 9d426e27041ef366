#include "app/ContrastSession.hpp"

#include <spdlog/spdlog.h>

namespace fg::app {

ContrastSession::ContrastSession(core::FrameHub& hub)
    : thread_(std::make_unique<guidance::AnalysisThread>(hub, guidance::AnalyzerSettings{})) {
  thread_->start();
}

ContrastSession::~ContrastSession() { thread_->stop(); }

bool ContrastSession::poll() {
  auto item = thread_->results().takeNewerThan(seen_);
  if (!item) {
    if (latest_ && latest_->contrast.frameId <= forgetUpTo_) {
      latest_.reset();
      return true;
    }
    return false;
  }
  seen_ = item->sequence;
  latest_ = std::move(item->value);
  if (latest_ && latest_->contrast.frameId <= forgetUpTo_) {
    latest_.reset();
    return true;
  }
  if (latest_) {
    // A loop or a seek: what the earlier part raised says nothing of this one.
    if (latest_->contrast.timelineEpoch != epoch_) {
      epoch_ = latest_->contrast.timelineEpoch;
      alerts_.reset();
      raised_.reset();
    }
    if (auto alert = alerts_.observe(latest_->contrast)) raised_ = alert;
  }
  return true;
}

void ContrastSession::remask() {
  thread_->requestRemask();  // its first result (collecting again) re-arms the alert
  spdlog::info("contrast: new mask requested");
}

void ContrastSession::setSubtraction(const guidance::SubtractionSettings& settings) {
  subtraction_ = settings;
  thread_->setSubtraction(settings);
}

}  // namespace fg::app
