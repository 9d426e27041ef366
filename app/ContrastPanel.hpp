#pragma once
// The contrast panel beside the image: what the image shows (live / subtracted / overlay, the
// overlay's opacity), the mask (state, age, re-mask), motion compensation (fit, residual, manual
// shift), the spread (area, cranio-caudal extent), the pattern with its confidence, the overlay's
// age, and a time-intensity curve. Edits go to the ViewerState and the ContrastSession.

#include <vector>

#include "app/ContrastSession.hpp"
#include "app/Plan3DPanel.hpp"
#include "app/ViewerState.hpp"
#include "core/Frame.hpp"

struct ImVec2;

namespace fg::app {

inline constexpr float kContrastPanelWidth = 330.0f;

class ContrastPanel {
 public:
  // `shown`: the frame on screen (may be null).
  // `plan3D`: the simulated case's 3D plan, null for other sources.
  void draw(ImVec2 pos, ImVec2 size, ContrastSession& session, ViewerState& state, const core::FrameRef& shown,
            const Plan3D* plan3D = nullptr);
  // Remember the point of each new result for the curve (called when a result arrives).
  void addResult(const guidance::ContrastResult& result);

 private:
  std::vector<float> curveTimeS_;
  uint32_t curveEpoch_ = 0;  // the curve is of one stretch of the timeline
  std::vector<float> curveValue_;
  Plan3DChoice plan3DChoice_;
};

// Asks for the known distance once both calibration points are placed.
void drawCalibrationPrompt(PlanState& plan);


}  // namespace fg::app
