#pragma once
// What the screen draws over a frame: the scale bar and orientation, the detected needle, the
// plan (target, entry, the trajectory reading), the level markers and the level-and-side banner,
// the contrast layers and what they show, replay notes - or only a note that guidance is hidden.
// The window's image view and the overlay movie export both draw through it, so a teaching video
// shows exactly what the radiologist saw. No ImGui: the render library only.

#include <cstdint>

#include "app/StatusSnapshot.hpp"
#include "app/ViewerState.hpp"
#include "guidance/AnalysisThread.hpp"
#include "render/ImageRenderer.hpp"

namespace fg::app {

class GuidanceView {
 public:
  // Builds the overlays for a frame of `format` shown in `view`, and uploads the contrast layers
  // to `renderer` when they changed; returns the layers' opacities (0 when nothing current).
  // `contrastAgeS`: how far the analysis lies behind the frame; `contrastCurrent`: its mask is
  // frozen and it is recent enough to show.
  render::LayerOpacities compose(render::ImageRenderer& renderer, const render::ViewTransform& view,
                                 const core::FrameFormat& format, const ViewerState& state,
                                 const StatusSnapshot& status,
                                 const guidance::AnalysisResult* analysis, double contrastAgeS,
                                 bool contrastCurrent);
  const render::OverlayList& overlays() const { return overlays_; }

 private:
  // The level markers (or the ones being dragged) with their labels, and the level-and-side banner.
  void addLevelOverlays(const render::ViewTransform& view, const core::FrameFormat& format,
                        const ViewerState& state, const guidance::AnalysisResult* analysis,
                        bool current);
  void buildOverlays(const render::ViewTransform& view, const core::FrameFormat& format,
                     const ViewerState& state, const StatusSnapshot& status,
                     const guidance::AnalysisResult* analysis, double contrastAgeS);
  void addPlanOverlays(const render::ViewTransform& view, const core::FrameFormat& format,
                       const ViewerState& state, const guidance::NeedleObservation* needle);
  // Uploads the contrast layers when the result (or what is shown of it) changed; the opacities
  // for the state's view, all 0 when there is nothing current to show.
  render::LayerOpacities prepareLayers(render::ImageRenderer& renderer, const ViewerState& state,
                                       const guidance::ContrastResult* contrast, bool current);

  render::OverlayList overlays_;
  uint64_t uploadedContrastId_ = 0;  // the result whose layers the renderer holds
  bool uploadedAccumulated_ = false;
};

}  // namespace fg::app
