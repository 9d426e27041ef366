#pragma once
// The alarm on the screen: the oldest standing alarm in its fixed place (the layout's alarm area,
// beside the image, never over the needle's tip), above every window and dialog, with a red frame
// round the image; it takes the keyboard until acknowledged: the name of who acknowledges is
// typed into it, and one Enter (or the button) acknowledges, once it has been seen.

#include <cstdint>
#include <string>

#include "app/AlarmBoard.hpp"
#include "app/ScreenLayout.hpp"

namespace fg::app {

class AlarmBanner {
 public:
  // Draws the front alarm (nothing when none stands). Returns the alarm acknowledged this frame.
  // `nowS`: the UI clock; `shownFrameId`: the image on screen.
  AlarmKind draw(AlarmBoard& board, const ScreenLayout& layout, double nowS, uint64_t shownFrameId);
  // The screen area the banner took in its last drawing (tests check nothing covers it).
  const ScreenRect& drawnArea() const { return drawn_; }

 private:
  char by_[64] = "";
  ScreenRect drawn_;
};

}  // namespace fg::app
