#version 330 core
// Recursive, motion-adaptive noise filter in raw units: out = previous + k (frame - previous).
// Still pixels take the small gain uStillGain (averaging about (2 - k) / k frames); a change
// beyond 4 noise sigmas is real (a moving needle) and is followed at once (k = 1); between 2.5
// and 4 sigmas the gain rises smoothly. The same rule as guidance::TemporalFilter.
uniform sampler2D uFrame;     // the new frame, normalised
uniform sampler2D uPrevious;  // the filter's last output, raw units (R32F)
uniform float uRawScale;
uniform float uStillGain;     // 0 < k <= 1
uniform float uNoiseSigma;    // raw units
uniform bool uReset;          // first frame: take it as it is
in vec2 vTexCoord;
out float filtered;

void main() {
  float frame = texture(uFrame, vTexCoord).r * uRawScale;
  if (uReset) {
    filtered = frame;
    return;
  }
  float previous = texture(uPrevious, vTexCoord).r;
  float diff = frame - previous;
  float t = clamp((abs(diff) - 2.5 * uNoiseSigma) / max(1.5 * uNoiseSigma, 1e-6), 0.0, 1.0);
  float k = uStillGain + (1.0 - uStillGain) * t;
  filtered = previous + k * diff;
}
