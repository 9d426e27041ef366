#pragma once
// Spinal levels in the Guidance panel: the markers and how they were counted, the lumbar count,
// the check of the two countings against each other, and the time-out; the dialog that names a
// vertebra pointed at (L, then a click), and the time-out dialog (O) that confirms level and side
// before injection.

#include <map>
#include <string>

#include "app/ScreenLayout.hpp"
#include "app/ViewerState.hpp"
#include "core/Frame.hpp"
#include "guidance/AnalysisThread.hpp"

namespace fg::app {

// `analysis` may be null (nothing analysed yet).
void levelSection(ViewerState& state, const guidance::AnalysisResult* analysis);
void drawLevelNaming(PlanState& plan, const guidance::AnalysisResult* analysis);
// Where the naming dialog drew its choices in the last UI frame (empty when it was closed): tests
// click them as the radiologist would, and check they are on screen.
struct NamingDialogLayout {
  std::map<std::string, ScreenRect> labels;  // "T11" .. "S1"
  std::map<int, ScreenRect> counts;          // lumbar count 4, 5, 6
  ScreenRect chosen, apply, cancel, window;
};
const NamingDialogLayout& lastNamingLayout();
void drawTimeOut(ViewerState& state, const guidance::AnalysisResult* analysis,
                 const core::FrameRef& shown);

}  // namespace fg::app
