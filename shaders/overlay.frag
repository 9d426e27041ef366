#version 330 core
// One texture for everything: glyph coverage for text, a white texel for lines and shapes.
uniform sampler2D uAtlas;
in vec2 vTexCoord;
in vec4 vColor;
out vec4 fragColor;

void main() {
  fragColor = vec4(vColor.rgb, vColor.a * texture(uAtlas, vTexCoord).r);
}
