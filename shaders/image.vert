#version 330 core
// Draws the image rectangle. Corners in image px (pixel centres at integers, so the picture spans
// -0.5 .. size-0.5), mapped to clip space by the view's affine map (which turns and mirrors the
// picture as the C-arm's monitor shows it): ndc.x = dot(uNdcX.xy, px) + uNdcX.z, likewise y.
uniform vec2 uImageSizePx;
uniform vec3 uNdcX;
uniform vec3 uNdcY;
out vec2 vTexCoord;

void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  vec2 px = corner * uImageSizePx - vec2(0.5);
  vTexCoord = corner;
  gl_Position = vec4(dot(uNdcX.xy, px) + uNdcX.z, dot(uNdcY.xy, px) + uNdcY.z, 0.0, 1.0);
}
