#pragma once
// ImGui 1.86 reads the keyboard as held-down states once per UI frame. The UI frame waits for the
// next image (7.5 a second in pulsed fluoroscopy), so a quick tap - pressed and released between
// two frames - would be lost: a step not marked, an alarm not acknowledged. KeyTaps sits in front
// of ImGui's GLFW key callback and holds every release back to the next frame (so a tap is seen
// down once, and a modifier let go just after its key still counts), and
// several taps of one key that arrive together (the UI was busy) go through one frame each, in
// order, so every tap is seen exactly once. Main thread only (GLFW's callbacks run there).

struct GLFWwindow;

namespace fg::app {

// After ImGui_ImplGlfw_InitForOpenGL (which installs the callback this one forwards to).
void installKeyTaps(GLFWwindow* window);
// Once per UI frame, before polling events: releases held back in the last frame go through now.
void releaseHeldTaps(GLFWwindow* window);

}  // namespace fg::app
