#pragma once
// Move-only owners of GL object names. They live and die on the thread that owns the context (the
// main thread); destroying one with no current context is a programmer error.

#include <epoxy/gl.h>

#include <utility>

namespace fg::render {

template <class Traits>
class GlObject {
 public:
  GlObject() = default;
  explicit GlObject(GLuint name) : name_(name) {}
  static GlObject create() { return GlObject(Traits::create()); }
  GlObject(const GlObject&) = delete;
  GlObject& operator=(const GlObject&) = delete;
  GlObject(GlObject&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
  GlObject& operator=(GlObject&& other) noexcept {
    if (this != &other) {
      reset();
      name_ = std::exchange(other.name_, 0);
    }
    return *this;
  }
  ~GlObject() { reset(); }

  GLuint get() const { return name_; }
  explicit operator bool() const { return name_ != 0; }
  void reset() {
    if (name_ != 0) Traits::destroy(name_);
    name_ = 0;
  }

 private:
  GLuint name_ = 0;
};

struct TextureTraits {
  static GLuint create() { GLuint n = 0; glGenTextures(1, &n); return n; }
  static void destroy(GLuint n) { glDeleteTextures(1, &n); }
};
struct BufferTraits {
  static GLuint create() { GLuint n = 0; glGenBuffers(1, &n); return n; }
  static void destroy(GLuint n) { glDeleteBuffers(1, &n); }
};
struct FramebufferTraits {
  static GLuint create() { GLuint n = 0; glGenFramebuffers(1, &n); return n; }
  static void destroy(GLuint n) { glDeleteFramebuffers(1, &n); }
};
struct VertexArrayTraits {
  static GLuint create() { GLuint n = 0; glGenVertexArrays(1, &n); return n; }
  static void destroy(GLuint n) { glDeleteVertexArrays(1, &n); }
};
struct ProgramTraits {
  static GLuint create() { return glCreateProgram(); }
  static void destroy(GLuint n) { glDeleteProgram(n); }
};

using GlTexture = GlObject<TextureTraits>;
using GlBuffer = GlObject<BufferTraits>;
using GlFramebuffer = GlObject<FramebufferTraits>;
using GlVertexArray = GlObject<VertexArrayTraits>;
using GlProgram = GlObject<ProgramTraits>;

// A fence sync object, also move-only.
class GlFence {
 public:
  GlFence() = default;
  GlFence(const GlFence&) = delete;
  GlFence& operator=(const GlFence&) = delete;
  GlFence(GlFence&& o) noexcept : sync_(std::exchange(o.sync_, nullptr)) {}
  GlFence& operator=(GlFence&& o) noexcept {
    if (this != &o) {
      reset();
      sync_ = std::exchange(o.sync_, nullptr);
    }
    return *this;
  }
  ~GlFence() { reset(); }
  void insert() {
    reset();
    sync_ = glFenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
  }
  // Waits until the GPU passed the fence (bounded); returns false on timeout.
  bool wait(GLuint64 timeoutNs) {
    if (!sync_) return true;
    const GLenum r = glClientWaitSync(sync_, GL_SYNC_FLUSH_COMMANDS_BIT, timeoutNs);
    reset();
    return r != GL_TIMEOUT_EXPIRED && r != GL_WAIT_FAILED;
  }
  void reset() {
    if (sync_) glDeleteSync(sync_);
    sync_ = nullptr;
  }

 private:
  GLsync sync_ = nullptr;
};

}  // namespace fg::render
