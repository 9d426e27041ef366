#include "render/ShaderProgram.hpp"

#include <vector>

namespace fg::shaders {
std::string_view embeddedFile(std::string_view name);
}

namespace fg::render {
namespace {

core::Result<GLuint> compile(GLenum stage, std::string_view name) {
  const std::string_view source = embeddedShader(name);
  if (source.empty()) {
    return core::Status::error(core::StatusCode::NotFound,
                               "shader '" + std::string(name) + "' is not embedded in this build");
  }
  const GLuint shader = glCreateShader(stage);
  const char* text = source.data();
  const GLint length = static_cast<GLint>(source.size());
  glShaderSource(shader, 1, &text, &length);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    GLint logLength = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &logLength);
    std::vector<char> log(static_cast<size_t>(std::max(logLength, 1)));
    glGetShaderInfoLog(shader, logLength, nullptr, log.data());
    glDeleteShader(shader);
    return core::Status::error(core::StatusCode::Corrupt,
                               "shader '" + std::string(name) + "' does not compile: " + log.data());
  }
  return shader;
}

}  // namespace

std::string_view embeddedShader(std::string_view name) { return fg::shaders::embeddedFile(name); }

core::Result<ShaderProgram> ShaderProgram::build(std::string_view vertexName,
                                                 std::string_view fragmentName) {
  auto vs = compile(GL_VERTEX_SHADER, vertexName);
  if (!vs) return vs.status();
  auto fs = compile(GL_FRAGMENT_SHADER, fragmentName);
  if (!fs) {
    glDeleteShader(vs.value());
    return fs.status();
  }
  ShaderProgram out;
  out.program_ = GlProgram::create();
  glAttachShader(out.id(), vs.value());
  glAttachShader(out.id(), fs.value());
  glLinkProgram(out.id());
  glDeleteShader(vs.value());
  glDeleteShader(fs.value());
  GLint ok = GL_FALSE;
  glGetProgramiv(out.id(), GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    char log[1024] = {};
    glGetProgramInfoLog(out.id(), sizeof log, nullptr, log);
    return core::Status::error(core::StatusCode::Corrupt, "program " + std::string(vertexName) + " + " +
                                                              std::string(fragmentName) +
                                                              " does not link: " + log);
  }
  return out;
}

}  // namespace fg::render
