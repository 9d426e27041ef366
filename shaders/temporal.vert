#version 330 core
// A full-target quad for image-to-image passes (one output pixel per image pixel).
out vec2 vTexCoord;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  vTexCoord = corner;
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
