#pragma once
// The live image: fills the space above the status bar. Draws through the shared ImageRenderer
// into its own RenderTarget, shown as an ImGui image. Mouse: wheel zooms about the cursor,
// left-drag pans, right-drag sets window (horizontal) and level (vertical), double-click fits.

#include <cstdint>
#include <string>
#include <vector>

#include "app/GuidanceView.hpp"
#include "app/StatusSnapshot.hpp"
#include "app/ViewerState.hpp"
#include "guidance/AnalysisThread.hpp"
#include "render/ImageRenderer.hpp"

struct ImVec2;

namespace fg::app {

class ImageViewPanel {
 public:
  // `analysis`: the newest analysis result (may be null): the contrast drawn as the state's view
  // asks, the needle drawn when current.
  void draw(ImVec2 pos, ImVec2 size, render::ImageRenderer& renderer, ViewerState& state,
            const core::FrameRef& frame, const StatusSnapshot& status,
            const guidance::AnalysisResult* analysis);
  // Keyboard shortcuts of the image (ignored while a text field has focus).
  void handleKeys(ViewerState& state, const core::FrameRef& frame,
                  const std::vector<WindowLevelPreset>& presets,
                  const guidance::AnalysisResult* analysis);
  // The drawn view (image with overlays) as the last render left it.
  const render::RenderTarget& target() const { return target_; }

 private:
  void handleMouse(ViewerState& state, const render::ViewTransform& view,
                   const core::FrameFormat& format, const guidance::AnalysisResult* analysis);
  // What the last drawing showed; the view is redrawn only when this changes (software GL in
  // CI and on small machines pays for every redraw).
  struct DrawnKey {
    uint64_t frameId = 0;
    int width = 0, height = 0;
    float zoom = 0, panX = 0, panY = 0;
    double center = 0, windowWidth = 0, gamma = 0;
    render::Polarity polarity = render::Polarity::Invalid;
    bool annotations = false;
    render::StreamCondition condition = render::StreamCondition::Invalid;
    int ageTenths = 0;
    uint64_t contrastFrameId = 0;
    ContrastView contrastView = ContrastView::Invalid;
    bool overlayOnSubtracted = false, showAccumulated = false, contrastCurrent = false,
         needleShown = false;
    int opacityPercent = 0;
    uint64_t planRevision = 0, needleId = 0, levelsId = 0;
    PlanTool planTool = PlanTool::Invalid;
    bool showGuidance = true;
    std::string caption;
    render::StreamMode mode = render::StreamMode::Invalid;
    bool paused = false;
    std::string patient;
    render::ViewOrientation orientation;
    bool operator==(const DrawnKey&) const = default;
  };

  render::RenderTarget target_;
  GuidanceView guidance_;
  DrawnKey drawn_;
  render::WindowLevel dragStartWindow_;
  bool windowDragging_ = false;
  bool markerDragging_ = false;
};

}  // namespace fg::app
