#version 330 core
// Draws the image rectangle. Corners in image px (pixel centres at integers, so the picture spans
// -0.5 .. size-0.5), mapped to clip space by uImageToNdc: ndc = px * scale + offset.
uniform vec2 uImageSizePx;
uniform vec4 uImageToNdc;  // xy = scale, zw = offset
out vec2 vTexCoord;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  vec2 px = corner * uImageSizePx - vec2(0.5);
  vTexCoord = corner;
  gl_Position = vec4(px * uImageToNdc.xy + uImageToNdc.zw, 0.0, 1.0);
}
