#include "app/KeyTaps.hpp"

#include <GLFW/glfw3.h>

#include <deque>
#include <set>
#include <vector>

namespace fg::app {
namespace {

struct KeyEvent {
  int key, scancode, action, mods;
};

GLFWkeyfun forward = nullptr;
std::set<int> pressedThisFrame;
std::set<int> releasedThisFrame;     // a key must be seen up for a frame before it is down again
std::vector<KeyEvent> heldReleases;  // go through at the start of the next frame
std::deque<KeyEvent> later;          // events after a second tap of a key within one frame
bool deferring = false;

void pass(GLFWwindow* window, const KeyEvent& e) {
  if (forward != nullptr) forward(window, e.key, e.scancode, e.action, e.mods);
}

void process(GLFWwindow* window, const KeyEvent& e) {
  if (deferring) {
    later.push_back(e);
    return;
  }
  if (e.action == GLFW_PRESS) {
    if (pressedThisFrame.count(e.key) > 0 || releasedThisFrame.count(e.key) > 0) {
      // The same key tapped again before the UI saw the first tap: this and everything after it
      // waits for the next frames, one tap each, in order.
      deferring = true;
      later.push_back(e);
      return;
    }
    pressedThisFrame.insert(e.key);
  }
  if (e.action == GLFW_RELEASE) {
    // Every release waits for the next frame: a key tapped within a frame is seen down once, and
    // a modifier let go just after its key (Shift+Space) is still down when the key is read.
    heldReleases.push_back(e);
    return;
  }
  pass(window, e);
}

void onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  process(window, {key, scancode, action, mods});
}

}  // namespace

void installKeyTaps(GLFWwindow* window) { forward = glfwSetKeyCallback(window, onKey); }

void releaseHeldTaps(GLFWwindow* window) {
  pressedThisFrame.clear();
  releasedThisFrame.clear();
  std::vector<KeyEvent> releases;
  releases.swap(heldReleases);
  for (const KeyEvent& e : releases) {
    pass(window, e);
    releasedThisFrame.insert(e.key);
  }
  deferring = false;
  std::deque<KeyEvent> waiting;
  waiting.swap(later);
  for (const KeyEvent& e : waiting) process(window, e);
}

}  // namespace fg::app
