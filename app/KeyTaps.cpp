#include "app/KeyTaps.hpp"

#include <GLFW/glfw3.h>

#include <set>
#include <vector>

namespace fg::app {
namespace {

struct Release {
  int key, scancode, mods;
};

GLFWkeyfun forward = nullptr;
std::set<int> pressedThisFrame;
std::vector<Release> held;

void onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  if (action == GLFW_PRESS) pressedThisFrame.insert(key);
  if (action == GLFW_RELEASE && pressedThisFrame.count(key) > 0) {
    held.push_back({key, scancode, mods});  // seen down for one frame first
    return;
  }
  if (forward != nullptr) forward(window, key, scancode, action, mods);
}

}  // namespace

void installKeyTaps(GLFWwindow* window) { forward = glfwSetKeyCallback(window, onKey); }

void releaseHeldTaps(GLFWwindow* window) {
  pressedThisFrame.clear();
  std::vector<Release> now;
  now.swap(held);
  for (const Release& r : now) {
    if (forward != nullptr) forward(window, r.key, r.scancode, GLFW_RELEASE, r.mods);
  }
}

}  // namespace fg::app
