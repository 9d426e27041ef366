#pragma once
// X-ray image formation on the detector of an imaging chain (sim/ImagingChain.hpp): Beer-Lambert
// attenuation of `photonsPerPixel` quanta per pixel and pulse, shaped by the collimation and a
// wedge filter; quantum noise before the detector's blur (so it is correlated, as on a real
// detector), veiling glare, electronic noise after the blur, the intensifier's vignetting as a
// gain on signal and noise alike (light lost after conversion), an optional pincushion
// distortion, then the pixel encoding (log, linear or windowed 8-bit video). Automatic exposure
// control measures the central half of the field.
//
// Speed: the static anatomy's blurred, noise-free intensity is computed once per pose and phase;
// each frame only redoes the region where the needle and contrast are, then adds noise from tables
// (two windows, at per-frame offsets from the case's seed, of a 16-bit field of blurred Gaussian
// deviates shared in the process; white deviates for the electronic noise) and encodes through a
// look-up table. The blurred deviates times the square root of the blurred
// mean is the blurred Poisson noise wherever the mean varies slowly over the blur's width.

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "sim/ImagingChain.hpp"
#include "sim/Projector.hpp"

namespace fg::sim {

struct DoseSettings {
  // Quanta per detector pixel and pulse behind the middle of the patient: automatic exposure
  // control sets the tube output for it, so it is what decides the noise.
  double photonsPerPixel = 800;
};

class ImageFormer {
 public:
  static constexpr double kMaxMuL = 10.0;  // darkest attenuation the log range covers

  ImageFormer(const ImagingChain& chain, const DoseSettings& dose, uint64_t seed);

  const ImagingChain& chain() const { return chain_; }
  int width() const { return chain_.columns; }
  int height() const { return chain_.rows; }
  int bytesPerPixel() const { return chain_.encoding == PixelEncoding::Video ? 1 : 2; }
  int maxValue() const;  // of the encoding

  // Forget every static image (a new pose). The exposure stays as first set.
  void clearStatic();
  bool hasStatic(int phase) const;
  // The anatomy that does not change with the frame (mu*L per pixel) in one phase. The first call
  // also sets the exposure from the median attenuation inside the field, as automatic exposure
  // control does when the beam comes on, and the video window from the image.
  void setStatic(int phase, std::span<const float> staticMuL);
  double unattenuatedQuanta() const { return n0_; }
  // Noise-free mean quanta per pixel (before any distortion) for the static part plus `dynamicMuL`
  // inside `box` (dynamicMuL is a full-size image, read only inside the box).
  void meanCounts(int phase, std::span<const float> dynamicMuL, const PixelBox& box,
                  std::vector<float>& counts) const;
  // One noisy encoded frame (16-bit words or 8-bit video); frameIndex selects the noise, so a
  // frame is reproducible.
  void render(int phase, std::span<const float> dynamicMuL, const PixelBox& box, uint64_t frameIndex,
              std::span<uint8_t> out);
  // The noise model on a given (blurred) mean, no encoding: for checking it.
  void noisyCounts(std::span<const float> meanCounts, uint64_t frameIndex, std::span<float> out) const;
  // Variance of the quantum noise per quantum after the blur (the sum of the squared kernel).
  double noisePowerFactor() const { return noisePower_; }
  // The encoding: quanta -> stored value.
  uint16_t valueForCounts(double counts) const;
  // Whether pixel (x, y) of the delivered image is inside the field (collimation and the
  // intensifier's round window; a wedge or vignetting darkens, it does not end the field).
  bool inField(int x, int y) const { return outputField_[static_cast<size_t>(y) * width() + x] > 0.5f; }
  // Where an undistorted detector point lands in the delivered image (pincushion).
  void distort(double& xPx, double& yPx) const;
  // The same distortion on a whole image (detector size).
  void distortImage(std::vector<float>& image) const { applyDistortion(image); }

 private:
  struct Phase {
    std::vector<float> counts;   // with the beam gain, before the blur
    std::vector<float> blurred;  // blurred, glare included
    std::vector<float> glare;    // the glare part alone (empty without glare)
  };
  void buildGain();
  void buildTables(uint64_t seed);
  void buildEncoding(const std::vector<float>& blurredStatic);
  void blurRegion(std::vector<float>& intensity, const PixelBox& box) const;
  // The dynamic box's blurred counts into work_; returns where they differ from the static image.
  PixelBox dynamicRegion(int phase, std::span<const float> dynamicMuL, const PixelBox& box) const;
  void encodeRow(int y, uint64_t frameIndex, const float* m, int x0, int x1, uint8_t* out8,
                 uint16_t* out16) const;
  void applyDistortion(std::vector<float>& counts) const;
  size_t rowOffset(uint64_t frameIndex, int row) const;
  const int16_t* correlatedRow(uint64_t frameIndex, int row, int which) const;  // which: 0 or 1
  const float* electronicRow(uint64_t frameIndex, int row) const;  // null: none

  ImagingChain chain_;
  DoseSettings dose_;
  uint64_t seed_;
  double n0_ = 0;  // unattenuated quanta per pixel, from the exposure control
  bool exposureSet_ = false;
  bool encodingSet_ = false;
  double noisePower_ = 1;
  std::vector<float> gain_;         // beam transmission (blades, wedge) before distortion
  std::vector<float> field_;        // 1 inside the field (collimation, round window), 0 outside
  std::vector<float> outputField_;  // the same after distortion
  std::vector<float> vignette_;     // optical gain after conversion (empty: none), delivered pixels
  std::vector<float> outputWindow_;  // the intensifier's round output window (1 inside)
  std::vector<Phase> phases_;
  std::shared_ptr<const std::vector<int16_t>> correlated_;  // field x field blurred deviates, 16 bits
  std::shared_ptr<const std::vector<float>> white_;       // Gaussian deviates
  std::vector<uint16_t> encode_;   // integer quanta -> value
  std::vector<float> mapX_, mapY_; // pincushion: source position of each delivered pixel
  mutable std::vector<float> scratch_, work_;
};

}  // namespace fg::sim
