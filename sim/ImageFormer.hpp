#pragma once
// X-ray image formation on the detector: Beer-Lambert attenuation of a beam of `photonsPerPixel`
// quanta per pixel and pulse, detector blur, quantum noise, and the detector's log transform to a
// 12-bit value in a 16-bit word (more attenuation = darker, as fluoroscopy shows it).
//
// Speed: the static anatomy's blurred, noise-free intensity is computed once per pose; each frame
// only redoes the region where the needle and contrast are, then adds noise through a table of
// Gaussian deviates (the Poisson distribution at these counts is Gaussian with variance = mean)
// and a logarithm lookup table.

#include <cstdint>
#include <span>
#include <vector>

#include "sim/Projector.hpp"

namespace fg::sim {

struct DoseSettings {
  // Quanta per detector pixel and pulse behind the middle of the patient: automatic exposure
  // control sets the tube output for it, so it is what decides the noise.
  double photonsPerPixel = 800;
  double blurSigmaPx = 0.7;       // scintillator and optics
};

class ImageFormer {
 public:
  static constexpr int kMaxValue = 4095;         // 12 bits stored
  static constexpr double kMaxMuL = 10.0;        // darkest attenuation the log range covers

  ImageFormer(int width, int height, const DoseSettings& dose, uint64_t seed);

  // The anatomy that does not change with the frame (dimensionless mu*L per pixel). The first
  // call also sets the exposure (unattenuated quanta) from the median attenuation, as automatic
  // exposure control does when the beam comes on.
  void setStatic(std::span<const float> staticMuL);
  double unattenuatedQuanta() const { return n0_; }
  // Noise-free mean quanta per pixel for the static part plus `dynamicMuL` inside `box`
  // (dynamicMuL is a full-size image, read only inside the box).
  void meanCounts(std::span<const float> dynamicMuL, const PixelBox& box, std::vector<float>& counts) const;
  // One noisy 12-bit frame; frameIndex selects the noise, so a frame is reproducible.
  void render(std::span<const float> dynamicMuL, const PixelBox& box, uint64_t frameIndex,
              std::span<uint16_t> out);
  // Noisy counts (no log transform), for checking the noise model.
  void noisyCounts(std::span<const float> meanCounts, uint64_t frameIndex, std::span<float> out) const;
  // The log transform used by render(): quanta -> 12-bit value.
  uint16_t valueForCounts(double counts) const;

  int width() const { return width_; }
  int height() const { return height_; }
  const DoseSettings& dose() const { return dose_; }

 private:
  void blurRegion(std::vector<float>& intensity, const PixelBox& box) const;
  void buildLogTable();
  size_t rowOffset(uint64_t frameIndex, int row) const;

  int width_, height_;
  DoseSettings dose_;
  uint64_t seed_;
  double n0_ = 0;                    // unattenuated quanta per pixel, from the exposure control
  bool exposureSet_ = false;
  std::vector<float> staticMuL_;
  std::vector<float> staticCounts_;  // blurred, noise-free
  std::vector<float> normals_;       // standard Gaussian deviates
  std::vector<uint16_t> logTable_;   // integer quanta -> value
  mutable std::vector<float> scratch_;  // reused between frames
};

}  // namespace fg::sim
