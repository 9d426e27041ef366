#pragma once
// Compiles and links a program from the shaders embedded at build time (shaders/ folder).

#include <string>
#include <string_view>

#include "core/Status.hpp"
#include "render/GlObject.hpp"

namespace fg::render {

// The embedded text of shaders/<name>, or empty when there is no such file.
std::string_view embeddedShader(std::string_view name);

class ShaderProgram {
 public:
  static core::Result<ShaderProgram> build(std::string_view vertexName, std::string_view fragmentName);
  GLuint id() const { return program_.get(); }
  GLint uniform(const char* name) const { return glGetUniformLocation(program_.get(), name); }

 private:
  GlProgram program_;
};

}  // namespace fg::render
