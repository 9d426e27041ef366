#include "app/RecordingSession.hpp"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "app/OverlayMovie.hpp"
#include "app/PlanFile.hpp"
#include "record/RunExport.hpp"

namespace fg::app {
namespace fs = std::filesystem;

RecordingSession::~RecordingSession() {
  if (recorder_) recorder_->stop();
}

core::Status RecordingSession::start(const fs::path& caseDir) {
  if (recorder_) return core::Status::ok();
  // The next free run folder in the case.
  std::error_code ec;
  fs::path dir;
  for (int n = 1; n < 10000; ++n) {
    char name[16];
    std::snprintf(name, sizeof name, "run-%03d", n);
    dir = caseDir / "runs" / name;
    if (!fs::exists(dir, ec)) break;
  }
  if (auto status = procedure::makePrivateDir(caseDir / "runs"); !status) return status;
  auto recorder = std::make_unique<record::Recorder>(hub_.history);
  if (auto status = recorder->start(dir, hub_.history.newestId() + 1); !status) return status;
  recorder_ = std::move(recorder);
  runDir_ = dir;
  return core::Status::ok();
}

void RecordingSession::stop(const procedure::CaseInfo& info, const std::string& conversionType) {
  if (!recorder_) return;
  const record::RecorderStats stats = recorder_->stop();
  recorder_.reset();
  const fs::path dir = runDir_;
  const std::string name = dir.filename().string();
  if (stats.framesRecorded == 0) {
    std::lock_guard lock(mutex_);
    exportStatus_ =
        name + ": no frame was recorded" + (stats.error.empty() ? "" : " (" + stats.error + ")");
    return;
  }
  {
    std::lock_guard lock(mutex_);
    exportStatus_ = name + ": exporting " + std::to_string(stats.framesRecorded) + " frames...";
  }
  if (exporter_.joinable()) exporter_.join();  // one export at a time
  const bool withOverlays = overlayVideo;
  exporter_ = std::jthread([this, dir, name, info, conversionType, stats, withOverlays] {
    auto run = record::CineRun::open(dir);
    std::string result;
    if (!run) {
      result = run.status().message();
    } else {
      record::DicomSeries series;
      series.conversionType = conversionType;
      series.seriesDescription = "FluoroGuide " + name;
      // The case's plan as saved (two levels up): its screen's turn for the videos, its plan and
      // levels for the teaching video.
      auto saved = readPlanFile(dir.parent_path().parent_path());
      const core::ViewOrientation turn = saved ? saved.value().orientation : core::ViewOrientation{};
      const record::RunExports exports = record::exportRun(*run.value(), info, series, dir, turn);
      result = name + ": " + std::to_string(stats.framesRecorded) + " frames" +
               (stats.gaps > 0 ? ", " + std::to_string(stats.gaps) + " gaps" : "") + "; " +
               exports.summary() + (stats.error.empty() ? "" : "; " + stats.error);
      if (withOverlays) {
        const core::Status video =
            exportOverlayMp4(*run.value(), saved ? std::optional(saved.value()) : std::nullopt,
                             dir / kOverlayMp4FileName);
        result.append(", ").append(video ? kOverlayMp4FileName : video.message());
      }
    }
    spdlog::info("recording: {}", result);
    std::lock_guard lock(mutex_);
    exportStatus_ = result;
  });
}

record::RecorderStats RecordingSession::stats() const {
  return recorder_ ? recorder_->stats() : record::RecorderStats{};
}

std::string RecordingSession::exportStatus() const {
  std::lock_guard lock(mutex_);
  return exportStatus_;
}

}  // namespace fg::app
