#include "render/EglOffscreen.hpp"

#include <epoxy/egl.h>
#include <epoxy/gl.h>

#include <vector>

namespace fg::render {
namespace {

EGLDisplay openDisplay() {
  if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_MESA_platform_surfaceless")) {
    EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
    if (d != EGL_NO_DISPLAY && eglInitialize(d, nullptr, nullptr)) return d;
  }
  if (epoxy_has_egl_extension(EGL_NO_DISPLAY, "EGL_EXT_platform_device")) {
    EGLint count = 0;
    eglQueryDevicesEXT(0, nullptr, &count);
    std::vector<EGLDeviceEXT> devices(static_cast<size_t>(count));
    if (count > 0 && eglQueryDevicesEXT(count, devices.data(), &count)) {
      for (EGLDeviceEXT device : devices) {
        EGLDisplay d = eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, device, nullptr);
        if (d != EGL_NO_DISPLAY && eglInitialize(d, nullptr, nullptr)) return d;
      }
    }
  }
  return EGL_NO_DISPLAY;
}

}  // namespace

std::string describeCurrentContext() {
  const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  const auto* renderer = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  return std::string("OpenGL ") + (version ? version : "?") + " on " + (renderer ? renderer : "?");
}

core::Result<std::unique_ptr<EglOffscreen>> EglOffscreen::create() {
  auto fail = [](const std::string& what) {
    return core::Status::error(core::StatusCode::Unsupported,
                               "offscreen OpenGL unavailable: " + what +
                                   " (install Mesa's EGL drivers: libegl-mesa0 libgl1-mesa-dri)");
  };
  EGLDisplay display = openDisplay();
  if (display == EGL_NO_DISPLAY) return fail("no surfaceless or device EGL display");
  if (!eglBindAPI(EGL_OPENGL_API)) return fail("EGL cannot bind desktop OpenGL");
  const EGLint configAttribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
                                  EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint configs = 0;
  if (!eglChooseConfig(display, configAttribs, &config, 1, &configs) || configs == 0) {
    return fail("no EGL config for desktop OpenGL");
  }
  const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                   EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                   EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
  EGLContext context = eglCreateContext(display, config, EGL_NO_CONTEXT, contextAttribs);
  if (context == EGL_NO_CONTEXT) return fail("cannot create an OpenGL 3.3 core context");
  if (!eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, context)) {
    eglDestroyContext(display, context);
    return fail("cannot make a surfaceless context current");
  }
  std::unique_ptr<EglOffscreen> out(new EglOffscreen());
  out->display_ = display;
  out->context_ = context;
  out->description_ = describeCurrentContext();
  return out;
}

EglOffscreen::~EglOffscreen() {
  eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
  eglDestroyContext(display_, context_);
  eglTerminate(display_);
}

}  // namespace fg::render
