#pragma once
// Spinal levels in the Guidance panel: the markers and how they were counted, the lumbar count,
// the check of the two countings against each other, and the time-out; the dialog that names a
// vertebra pointed at (L, then a click), and the time-out dialog (O) that confirms level and side
// before injection.

#include "app/ViewerState.hpp"
#include "core/Frame.hpp"
#include "guidance/AnalysisThread.hpp"

namespace fg::app {

// `analysis` may be null (nothing analysed yet).
void levelSection(ViewerState& state, const guidance::AnalysisResult* analysis);
void drawLevelNaming(PlanState& plan, const guidance::AnalysisResult* analysis);
void drawTimeOut(ViewerState& state, const guidance::AnalysisResult* analysis,
                 const core::FrameRef& shown);

}  // namespace fg::app
