#version 330 core
// A value layer (0..255 per image pixel) through a 256-entry RGBA lookup table; value 0 is
// transparent in every table. Drawn over the image with the layer's opacity.
uniform sampler2D uLayer;
uniform sampler2D uLut;
uniform float uOpacity;
in vec2 vTexCoord;
out vec4 fragColor;

void main() {
  float value = texture(uLayer, vTexCoord).r;
  vec4 color = texture(uLut, vec2((value * 255.0 + 0.5) / 256.0, 0.5));
  fragColor = vec4(color.rgb, color.a * uOpacity);
}
