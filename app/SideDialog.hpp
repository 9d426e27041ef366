#pragma once
// Dialogs of the workstation (naming a vertebra, the time-out, calibration, case details, a new
// case, opening a source) are plain windows, not modal popups: they open beside the image (in the
// side column) so nothing dims or covers the live image, can be moved, and an alarm is always
// drawn above them and takes the keyboard from them (their contents are greyed and their keys
// ignored until it is acknowledged). The UI frame begins with beginUiFrame; every dialog is drawn
// between SideDialog::begin and end.

#include "app/ScreenLayout.hpp"

namespace fg::app::dialogs {

// Once per UI frame, before anything is drawn.
void beginUiFrame(const ScreenLayout& layout, bool alarmStanding);
const ScreenLayout& layout();
// A dialog was open in this or the last UI frame: the image's, the procedure's and the replay's
// keys are off while one is.
bool anyOpen();
// An alarm holds the keyboard: dialogs neither draw as active nor take keys.
bool alarmHoldsKeyboard();
// Keys for the image and the panels (no dialog, no alarm, no text field).
bool keysForImage();
// Keys for the dialog being drawn (no alarm holds them).
bool keysForDialog();

// Begins the dialog window `title` (call end() whatever it returns); false: collapsed, draw nothing.
// `width`: its width in px, at most the column's.
bool begin(const char* title, float width);
void end();

}  // namespace fg::app::dialogs
