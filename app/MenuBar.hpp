#pragma once
// The main menu: Source (open, test pattern, quit), View (presets, invert, annotations, gamma,
// fullscreen), Help (keys). It edits ViewerState directly and returns what the shell must do.

#include <optional>
#include <string>
#include <vector>

#include "app/Settings.hpp"
#include "app/ViewerState.hpp"
#include "core/Frame.hpp"

namespace fg::app {

struct MenuActions {
  std::optional<std::string> openSource;  // a source spec the user asked for
  bool quit = false;
  bool settingsChanged = false;
  bool newCase = false;      // Case > New case (Ctrl+N): the confirmation is asked
  bool caseDetails = false;  // Case > Case details
};

class MenuBar {
 public:
  MenuBar();  // lists the scenarios in the assets folder
  MenuActions draw(ViewerState& state, Settings& settings, const core::FrameRef& frame,
                   const std::string& sourceError);
  void drawHelp(ViewerState& state);
  // What came of the source the menu asked for: opened (the dialog closes) or why not (said in it).
  void sourceOpened(const std::string& error) {
    openError_ = error;
    if (error.empty()) openDialog_ = false;
  }

 private:
  std::vector<std::string> scenarios_;
  std::string sourceInput_;
  bool openPopup_ = false;
  bool openDialog_ = false;
  std::string openError_;
};

}  // namespace fg::app
