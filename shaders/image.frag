#version 330 core
// Window/level, gamma and invert of one gray channel. Raw values are the detector's integers:
// the texture is normalised (GL_R16 or GL_R8), uRawScale turns it back (65535 or 255).
uniform sampler2D uImage;
uniform float uRawScale;
uniform float uWindowCenter;  // raw units
uniform float uWindowWidth;   // raw units, > 0
uniform float uGamma;         // 1 = linear
uniform bool uInvert;
in vec2 vTexCoord;
out vec4 fragColor;

void main() {
  float raw = texture(uImage, vTexCoord).r * uRawScale;
  float v = clamp((raw - (uWindowCenter - 0.5 * uWindowWidth)) / uWindowWidth, 0.0, 1.0);
  v = pow(v, 1.0 / uGamma);
  if (uInvert) v = 1.0 - v;
  fragColor = vec4(v, v, v, 1.0);
}
