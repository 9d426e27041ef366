#pragma once
// Where things go on the screen this UI frame, in screen px (ImGui's coordinates): the image, the
// side column beside it, and the fixed place of the alarms at the top of that column (never over
// the image, so never over the needle's tip). Dialogs open in the column below the alarms.

struct ImVec2;

namespace fg::app {

struct ScreenRect {
  float x = 0, y = 0, width = 0, height = 0;
  bool contains(float px, float py) const { return px >= x && py >= y && px < x + width && py < y + height; }
};

struct ScreenLayout {
  ScreenRect image;    // the live image (above the replay strip and the status bar)
  ScreenRect column;   // the side panels; width 0 when the window is too narrow for them
  ScreenRect alarms;   // the alarm banner's place (top of the column, or of the image without one)
  ScreenRect dialogs;  // where dialogs open (the column below the alarms)
};

}  // namespace fg::app
