#pragma once
// Dear ImGui driven as the window drives it, without a window: an offscreen GL context (EGL),
// the real OpenGL3 backend drawing into a framebuffer, the workstation's font, and input given as
// the GLFW backend gives it (mouse position and buttons, GLFW key codes). A UI frame is the code
// under test called between NewFrame and Render; shot() reads back what it drew.
#include <epoxy/gl.h>
// after epoxy
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <GLFW/glfw3.h>
#include <catch2/catch.hpp>
#include <functional>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "render/GlyphAtlas.hpp"
#include "render/RenderTarget.hpp"
#include "tests/render/GlTestContext.hpp"

namespace fg::test {

class UiHarness {
 public:
  UiHarness(int width, int height) : width_(width), height_(height) {
    (void)glContext();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
    const int keys[][2] = {{ImGuiKey_Tab, GLFW_KEY_TAB},           {ImGuiKey_LeftArrow, GLFW_KEY_LEFT},
                           {ImGuiKey_RightArrow, GLFW_KEY_RIGHT},  {ImGuiKey_UpArrow, GLFW_KEY_UP},
                           {ImGuiKey_DownArrow, GLFW_KEY_DOWN},    {ImGuiKey_PageUp, GLFW_KEY_PAGE_UP},
                           {ImGuiKey_PageDown, GLFW_KEY_PAGE_DOWN}, {ImGuiKey_Home, GLFW_KEY_HOME},
                           {ImGuiKey_End, GLFW_KEY_END},           {ImGuiKey_Insert, GLFW_KEY_INSERT},
                           {ImGuiKey_Delete, GLFW_KEY_DELETE},     {ImGuiKey_Backspace, GLFW_KEY_BACKSPACE},
                           {ImGuiKey_Space, GLFW_KEY_SPACE},       {ImGuiKey_Enter, GLFW_KEY_ENTER},
                           {ImGuiKey_Escape, GLFW_KEY_ESCAPE},     {ImGuiKey_KeyPadEnter, GLFW_KEY_KP_ENTER},
                           {ImGuiKey_A, GLFW_KEY_A},               {ImGuiKey_C, GLFW_KEY_C},
                           {ImGuiKey_V, GLFW_KEY_V},               {ImGuiKey_X, GLFW_KEY_X},
                           {ImGuiKey_Y, GLFW_KEY_Y},               {ImGuiKey_Z, GLFW_KEY_Z}};
    for (const auto& k : keys) io.KeyMap[k[0]] = k[1];
    if (const std::string font = render::defaultFontPath(); !font.empty())
      io.Fonts->AddFontFromFileTTF(font.c_str(), 17.0f);
    ImGui_ImplOpenGL3_Init("#version 330 core");
    REQUIRE(target_.resize(width, height).isOk());
  }
  ~UiHarness() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
  }
  UiHarness(const UiHarness&) = delete;
  UiHarness& operator=(const UiHarness&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }
  double nowS() const { return ImGui::GetTime(); }

  // One UI frame of `seconds`; the mouse where it was put, the keys as they are held.
  void frame(const std::function<void()>& ui, double seconds = 1.0 / 60) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = static_cast<float>(seconds);
    io.MousePos = mouse_;
    for (int b = 0; b < 3; ++b) io.MouseDown[b] = buttons_[b];
    for (int k = 0; k < 512; ++k) io.KeysDown[k] = keys_[k];
    io.KeyShift = keys_[GLFW_KEY_LEFT_SHIFT];
    io.KeyCtrl = keys_[GLFW_KEY_LEFT_CONTROL];
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ui();
    ImGui::Render();
    target_.bind();
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  }
  // A whole key press: down for a frame, up for a frame.
  void press(int glfwKey, const std::function<void()>& ui) {
    keys_[glfwKey] = true;
    frame(ui);
    keys_[glfwKey] = false;
    frame(ui);
  }
  void type(char c, const std::function<void()>& ui) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(c));
    frame(ui);
  }
  void hold(int glfwKey, bool down) { keys_[glfwKey] = down; }
  void moveTo(float x, float y) { mouse_ = ImVec2(x, y); }
  // A left click at (x, y): moved there, down for a frame, up for a frame.
  void click(float x, float y, const std::function<void()>& ui) {
    moveTo(x, y);
    frame(ui);
    buttons_[0] = true;
    frame(ui);
    buttons_[0] = false;
    frame(ui);
  }
  // Frames for `seconds` of UI time.
  void wait(double seconds, const std::function<void()>& ui) {
    for (double t = 0; t < seconds; t += 0.05) frame(ui, 0.05);
  }
  // What the last frame drew, as BGR, top row first.
  cv::Mat shot() const {
    const render::RgbaImage image = target_.readPixels();
    cv::Mat rgba(image.height, image.width, CV_8UC4, const_cast<uint8_t*>(image.rgba.data()));
    cv::Mat bgr;
    cv::cvtColor(rgba, bgr, cv::COLOR_RGBA2BGR);
    return bgr;
  }

 private:
  int width_, height_;
  render::RenderTarget target_;
  ImVec2 mouse_{-1, -1};
  bool buttons_[3] = {false, false, false};
  bool keys_[512] = {};
};

}  // namespace fg::test
