#version 330 core
// Overlay geometry arrives in viewport px (origin top-left, y down), already placed on the CPU.
layout(location = 0) in vec2 aPositionPx;
layout(location = 1) in vec2 aTexCoord;
layout(location = 2) in vec4 aColor;
uniform vec2 uViewportPx;
out vec2 vTexCoord;
out vec4 vColor;

void main() {
  vec2 ndc = vec2(aPositionPx.x / uViewportPx.x * 2.0 - 1.0, 1.0 - aPositionPx.y / uViewportPx.y * 2.0);
  vTexCoord = aTexCoord;
  vColor = aColor;
  gl_Position = vec4(ndc, 0.0, 1.0);
}
