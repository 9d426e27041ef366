#include "app/OverlayMovie.hpp"

#include <opencv2/imgproc.hpp>

#include "app/ContrastLayers.hpp"
#include "app/GuidanceView.hpp"
#include "app/OffscreenRenderer.hpp"
#include "core/FramePool.hpp"
#include "guidance/FrameAnalysis.hpp"
#include "record/Mp4Export.hpp"

namespace fg::app {

core::Status exportOverlayMp4(const record::CineRun& run, const std::optional<SavedPlan>& plan,
                              const std::filesystem::path& file) {
  const auto& frames = run.frames();
  if (frames.empty())
    return core::Status::error(core::StatusCode::OutOfRange,
                               "overlay video: the run holds no frame");
  const core::FrameFormat& format = frames.front().format;
  // Turned as the case's screen showed it: a quarter turn swaps the video's width and height.
  const render::ViewOrientation orientation = plan ? plan->orientation : render::ViewOrientation{};
  const bool sideways = orientation.sideways();
  auto offscreen = createOffscreenRenderer(sideways ? format.height : format.width,
                                           sideways ? format.width : format.height);
  if (!offscreen) return offscreen.status();
  render::ImageRenderer& renderer = *offscreen.value()->renderer;
  render::RenderTarget& target = offscreen.value()->target;

  ViewerState state;  // as the window starts: overlay view, needle and guidance shown
  std::optional<guidance::LevelRequest> levels;
  if (plan) {
    state.plan.restore(plan->plan, plan->calibratedMmPerPx, plan->timeOut);
    levels = plan->levels;
  }
  state.view.orientation = orientation;
  guidance::FrameAnalysis analysis(guidance::AnalyzerSettings{});
  GuidanceView guidance;
  StatusSnapshot status;  // a live stream: no "old image" mark
  render::DisplaySettings display;
  core::FramePool pool(2, format.byteCount());
  auto drawFrame = [&](size_t i, cv::Mat& bgr) -> core::Status {
    const record::CineFrame& f = frames[i];
    if (!(f.format == format))
      return core::Status::error(
          core::StatusCode::Unsupported,
          "overlay video: the run changes format at frame " + std::to_string(f.id));
    auto writer = pool.acquire();
    writer.setFormat(format);
    if (auto read = run.readPixels(i, writer.bytes().data()); !read) return read;
    writer.stamp(f.id, f.deviceNs, f.arrivalNs);
    const core::FrameRef frame = std::move(writer).publish();
    const auto result = analysis.analyse(*frame, &levels);
    renderer.upload(*frame);
    if (i == 0) display.windowLevel = render::autoWindowLevel(*frame);
    const render::ViewTransform view = renderer.viewFor(target, state.view);
    const bool current = result->contrast.maskState == guidance::MaskState::Frozen;
    const render::LayerOpacities layers =
        guidance.compose(renderer, view, format, state, status, result.get(), 0.0, current);
    renderer.draw(target, view, display, guidance.overlays(), layers);
    const render::RgbaImage pixels = target.readPixels();
    const cv::Mat rgba(pixels.height, pixels.width, CV_8UC4,
                       const_cast<uint8_t*>(pixels.rgba.data()));
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    return core::Status::ok();
  };
  return record::writeMp4Frames(file, frames.size(), record::runFramesPerSecond(run), drawFrame);
}

}  // namespace fg::app
