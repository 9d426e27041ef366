#include <catch2/catch.hpp>

#include "render/ShaderProgram.hpp"

TEST_CASE("shaders are embedded in the binary", "[render][shaders]") {
  for (const char* name : {"image.vert", "image.frag", "colormap.frag", "overlay.vert", "overlay.frag"}) {
    INFO(name);
    const auto source = fg::render::embeddedShader(name);
    CHECK(source.find("#version 330 core") == 0);
  }
  CHECK(fg::render::embeddedShader("missing.frag").empty());
}
