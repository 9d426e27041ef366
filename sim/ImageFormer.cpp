#include "sim/ImageFormer.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "sim/Hash.hpp"
#include <map>
#include <memory>
#include <mutex>
#include <random>

namespace fg::sim {
namespace {

constexpr size_t kWhite = size_t{1} << 22;
constexpr int kFieldSlack = 512;          // room for a different noise window every frame
constexpr float kBladeTransmission = 0.003f;
constexpr float kFieldScale = 8192.0f;  // 16-bit deviates: steps of 1/8192 of a standard deviation

int kernelSize(double sigma) { return std::max(3, 2 * static_cast<int>(std::ceil(3 * sigma)) + 1); }

}  // namespace

ImageFormer::ImageFormer(const ImagingChain& chain, const DoseSettings& dose, uint64_t seed)
    : chain_(chain), dose_(dose), seed_(seed) {
  n0_ = dose.photonsPerPixel;
  buildGain();
  buildTables(seed);
  std::vector<float> flat(static_cast<size_t>(width()) * height(), static_cast<float>(n0_));
  buildEncoding(flat);
}

int ImageFormer::maxValue() const {
  return chain_.encoding == PixelEncoding::Video ? 255 : (1 << chain_.bitsStored) - 1;
}

void ImageFormer::buildGain() {
  const int w = width(), h = height();
  const double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0, px = chain_.pixelMm;
  const Collimation& col = chain_.collimation;
  gain_.assign(static_cast<size_t>(w) * h, 1.0f);
  field_.assign(gain_.size(), 1.0f);
  outputWindow_.assign(gain_.size(), 1.0f);
  if (chain_.vignetting > 0) vignette_.assign(gain_.size(), 1.0f);
  auto soft = [&](double insideMm) { return std::clamp(insideMm / px + 0.5, 0.0, 1.0); };
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const double dx = (x - cx) * px, dy = (y - cy) * px, r = std::hypot(dx, dy);
      double field = 1.0;
      if (chain_.fieldDiameterMm > 0) {
        const double R = chain_.fieldDiameterMm / 2;
        field = std::min(field, soft(R - r));
        outputWindow_[static_cast<size_t>(y) * w + x] = static_cast<float>(field);
      }
      if (col.shape == FieldShape::Circle) field = std::min(field, soft(col.diameterMm / 2 - r));
      if (col.shape == FieldShape::Rectangle) {
        field = std::min({field, soft(col.widthMm / 2 - std::abs(dx)), soft(col.heightMm / 2 - std::abs(dy))});
      }
      const double fromLeft = (x + 0.5) * px, fromRight = (w - x - 0.5) * px;
      if (col.shutterLeftMm > 0) field = std::min(field, soft(fromLeft - col.shutterLeftMm));
      if (col.shutterRightMm > 0) field = std::min(field, soft(fromRight - col.shutterRightMm));
      field_[static_cast<size_t>(y) * w + x] = static_cast<float>(field);
      double g = kBladeTransmission + (1 - kBladeTransmission) * field;
      if (col.wedge != Edge::None && col.wedgeWidthMm > 0) {
        const double d = col.wedge == Edge::Left    ? fromLeft
                         : col.wedge == Edge::Right ? fromRight
                         : col.wedge == Edge::Top   ? (y + 0.5) * px
                                                    : (h - y - 0.5) * px;
        if (d < col.wedgeWidthMm) g *= std::exp(-col.wedgeAttenuation * (1 - d / col.wedgeWidthMm));
      }
      if (chain_.vignetting > 0) {
        // Light lost in the intensifier's optics, after the quanta were converted: a gain on the
        // signal and its noise alike (the edge is darker, not noisier).
        const double R = chain_.fieldDiameterMm > 0 ? chain_.fieldDiameterMm / 2 : std::min(w, h) * px / 2;
        vignette_[static_cast<size_t>(y) * w + x] =
            static_cast<float>(1 - chain_.vignetting * std::min(1.0, (r / R) * (r / R)));
      }
      gain_[static_cast<size_t>(y) * w + x] = static_cast<float>(g);
    }
  }
  outputField_ = field_;
  if (chain_.pincushion > 0) {
    // Each delivered pixel shows the undistorted point at radius r_u, where r_d = r_u (1 + k (r_u/R)^2).
    mapX_.resize(gain_.size());
    mapY_.resize(gain_.size());
    const double R = std::min(w, h) / 2.0, k = chain_.pincushion;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const double dx = x - cx, dy = y - cy, rd = std::hypot(dx, dy);
        double ru = rd;
        for (int it = 0; it < 8; ++it) ru = rd / (1 + k * (ru / R) * (ru / R));
        const double s = rd > 0 ? ru / rd : 1.0;
        mapX_[static_cast<size_t>(y) * w + x] = static_cast<float>(cx + dx * s);
        mapY_[static_cast<size_t>(y) * w + x] = static_cast<float>(cy + dy * s);
      }
    }
    applyDistortion(outputField_);
    applyDistortion(vignette_);
  }
}

void ImageFormer::applyDistortion(std::vector<float>& counts) const {
  if (mapX_.empty()) return;
  const cv::Mat src(height(), width(), CV_32FC1, counts.data());
  const cv::Mat mx(height(), width(), CV_32FC1, const_cast<float*>(mapX_.data()));
  const cv::Mat my(height(), width(), CV_32FC1, const_cast<float*>(mapY_.data()));
  cv::Mat out;
  cv::remap(src, out, mx, my, cv::INTER_LINEAR, cv::BORDER_CONSTANT, 0);
  std::copy(out.ptr<float>(0), out.ptr<float>(0) + counts.size(), counts.begin());
}

void ImageFormer::distort(double& xPx, double& yPx) const {
  if (chain_.pincushion <= 0) return;
  const double cx = (width() - 1) / 2.0, cy = (height() - 1) / 2.0, R = std::min(width(), height()) / 2.0;
  const double dx = xPx - cx, dy = yPx - cy, ru = std::hypot(dx, dy) / R;
  const double s = 1 + chain_.pincushion * ru * ru;
  xPx = cx + dx * s;
  yPx = cy + dy * s;
}

namespace {

std::vector<float> normals(size_t count, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> out(count);
  for (auto& n : out) n = normal(rng);
  return out;
}

// Tables of deviates shared by every detector of the same size and blur in the process (a matrix
// of tens of cases draws them once): what differs between cases and frames is where each frame
// reads them, from the case's seed.
std::shared_ptr<const std::vector<float>> sharedTable(int field, double blurSigmaPx, size_t count) {
  static std::mutex mutex;
  static std::map<std::pair<int, double>, std::shared_ptr<const std::vector<float>>> tables;
  const std::lock_guard lock(mutex);
  auto& table = tables[{field, blurSigmaPx}];
  if (table) return table;
  auto values = normals(count, 0x5EED0F0015EULL + static_cast<uint64_t>(field));
  if (blurSigmaPx > 0) {
    cv::Mat m(field, field, CV_32FC1, values.data());
    const int k = kernelSize(blurSigmaPx);
    cv::GaussianBlur(m, m, cv::Size(k, k), blurSigmaPx, blurSigmaPx, cv::BORDER_REFLECT);
  }
  table = std::make_shared<const std::vector<float>>(std::move(values));
  return table;
}

// The blurred field in 16 bits (deviate x kFieldScale): half the memory a frame reads.
std::shared_ptr<const std::vector<int16_t>> sharedField(int field, double blurSigmaPx) {
  static std::mutex mutex;
  static std::map<std::pair<int, double>, std::shared_ptr<const std::vector<int16_t>>> fields;
  const std::lock_guard lock(mutex);
  auto& out = fields[{field, blurSigmaPx}];
  if (out) return out;
  auto values = normals(static_cast<size_t>(field) * field, 0x5EED0F0015EULL + static_cast<uint64_t>(field));
  if (blurSigmaPx > 0) {
    cv::Mat m(field, field, CV_32FC1, values.data());
    const int k = kernelSize(blurSigmaPx);
    cv::GaussianBlur(m, m, cv::Size(k, k), blurSigmaPx, blurSigmaPx, cv::BORDER_REFLECT);
  }
  std::vector<int16_t> packed(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    packed[i] = static_cast<int16_t>(std::clamp(std::lround(values[i] * kFieldScale), -32767L, 32767L));
  }
  out = std::make_shared<const std::vector<int16_t>>(std::move(packed));
  return out;
}

}  // namespace

void ImageFormer::buildTables(uint64_t seed) {
  noisePower_ = 1;
  if (!chain_.noiseBeforeBlur) {
    // White quantum noise after the blur (the first wave's detector), row by row from one table
    // drawn from the case's seed, exactly as that detector drew it.
    white_ = std::make_shared<const std::vector<float>>(normals(kWhite, seed));
    return;
  }
  // Quantum noise: white deviates blurred by the detector's kernel (noise before blur).
  const int field = std::max(width(), height()) + kFieldSlack;
  correlated_ = sharedField(field, chain_.blurSigmaPx);
  if (chain_.blurSigmaPx > 0) {
    const int k = kernelSize(chain_.blurSigmaPx);
    const cv::Mat g = cv::getGaussianKernel(k, chain_.blurSigmaPx, CV_64F);
    double sum = 0;
    for (int i = 0; i < k; ++i) sum += g.at<double>(i) * g.at<double>(i);
    noisePower_ = sum * sum;
  }
  if (chain_.electronicNoise > 0) white_ = sharedTable(-1, 0, kWhite);
}

void ImageFormer::buildEncoding(const std::vector<float>& blurredStatic) {
  const double spread = 6 * std::sqrt(n0_) + 64;
  const size_t maxCount = static_cast<size_t>(n0_ * 1.5 + spread);
  const double maxV = (1 << chain_.bitsStored) - 1;
  auto logValue = [&](double c) {
    const double lowest = std::log(n0_) - kMaxMuL;
    if (c < 1.0) return 0.0;
    return std::clamp((std::log(c) - lowest) / kMaxMuL, 0.0, 1.0);
  };
  double lo = 0, hi = 1;
  if (chain_.encoding == PixelEncoding::Video) {
    // The monitor's window follows the picture inside the field (automatic brightness): the
    // darkest and brightest half per cent are clipped.
    std::vector<float> samples;
    for (size_t i = 0; i < blurredStatic.size(); i += 37) {
      if (field_[i] > 0.5f) {
        samples.push_back(static_cast<float>(logValue(blurredStatic[i] * (vignette_.empty() ? 1.0f : vignette_[i]))));
      }
    }
    if (samples.size() > 10) {
      std::sort(samples.begin(), samples.end());
      lo = samples[samples.size() / 200];
      hi = std::max(lo + 0.01, static_cast<double>(samples[samples.size() - 1 - samples.size() / 200]));
    }
  }
  encode_.resize(maxCount + 1);
  for (size_t c = 0; c <= maxCount; ++c) {
    const double counts = static_cast<double>(c);
    double v = 0;
    switch (chain_.encoding) {
      case PixelEncoding::Linear: v = std::min(maxV, counts / (1.25 * n0_) * maxV); break;
      case PixelEncoding::Video: {
        const double t = std::pow(std::clamp((logValue(counts) - lo) / (hi - lo), 0.0, 1.0), 1.0 / chain_.gamma);
        v = chain_.range == VideoRange::Limited ? 16 + 219 * t : 255 * t;
        break;
      }
      default: v = logValue(counts) * maxV; break;
    }
    encode_[c] = static_cast<uint16_t>(std::lround(v));
  }
}

uint16_t ImageFormer::valueForCounts(double counts) const {
  const size_t c = static_cast<size_t>(std::clamp(counts + 0.5, 0.0, static_cast<double>(encode_.size() - 1)));
  return encode_[c];
}

void ImageFormer::clearStatic() { phases_.clear(); }

bool ImageFormer::hasStatic(int phase) const {
  return phase >= 0 && static_cast<size_t>(phase) < phases_.size() && !phases_[static_cast<size_t>(phase)].blurred.empty();
}

void ImageFormer::setStatic(int phase, std::span<const float> staticMuL) {
  const size_t n = gain_.size();
  if (!exposureSet_) {
    // The exposure control measures the middle of the image (its central half, inside the
    // field), so collimating the edges does not change the exposure. (The generic detector of
    // the first wave measured the whole image; it still does, so its images stay the same.)
    std::vector<float> inField;
    inField.reserve(n / 4);
    const int w = width(), h = height();
    const int margin = chain_.detector == DetectorKind::Generic ? 0 : 4;
    const int step = chain_.detector == DetectorKind::Generic ? 1 : 2;
    for (int y = margin ? h / margin : 0; y < h - (margin ? h / margin : 0); y += step) {
      for (int x = margin ? w / margin : 0; x < w - (margin ? w / margin : 0); x += step) {
        const size_t i = static_cast<size_t>(y) * w + x;
        if (field_[i] > 0.5f) inField.push_back(std::max(staticMuL[i], 0.0f));
      }
    }
    if (!inField.empty()) {
      std::nth_element(inField.begin(), inField.begin() + static_cast<long>(inField.size() / 2), inField.end());
      n0_ = dose_.photonsPerPixel * std::exp(static_cast<double>(inField[inField.size() / 2]));
    }
    exposureSet_ = true;
  }
  if (phases_.size() <= static_cast<size_t>(phase)) phases_.resize(static_cast<size_t>(phase) + 1);
  Phase& p = phases_[static_cast<size_t>(phase)];
  const float n0 = static_cast<float>(n0_);
  p.counts.resize(n);
  for (size_t i = 0; i < n; ++i) p.counts[i] = n0 * gain_[i] * std::exp(-std::max(staticMuL[i], 0.0f));
  p.blurred = p.counts;
  blurRegion(p.blurred, {0, 0, width() - 1, height() - 1});
  p.glare.clear();
  if (chain_.veilingGlare > 0) {
    // Light scattered across the output window: a wide, low haze (a tenth of the image across).
    const float g = static_cast<float>(chain_.veilingGlare);
    cv::Mat src(height(), width(), CV_32FC1, p.counts.data()), small, haze;
    cv::resize(src, small, cv::Size(width() / 8, height() / 8), 0, 0, cv::INTER_AREA);
    cv::GaussianBlur(small, small, cv::Size(0, 0), width() / 80.0);
    cv::resize(small, haze, src.size(), 0, 0, cv::INTER_LINEAR);
    p.glare.assign(haze.ptr<float>(0), haze.ptr<float>(0) + n);
    for (size_t i = 0; i < n; ++i) {
      p.glare[i] *= g * outputWindow_[i];  // scattered inside the intensifier's round window only
      p.blurred[i] = (1 - g) * p.blurred[i] + p.glare[i];
    }
  }
  if (!encodingSet_) {
    buildEncoding(p.blurred);
    encodingSet_ = true;
  }
}

void ImageFormer::blurRegion(std::vector<float>& intensity, const PixelBox& box) const {
  if (chain_.blurSigmaPx <= 0 || box.empty()) return;
  cv::Mat image(height(), width(), CV_32FC1, intensity.data());
  const cv::Rect roi(box.x0, box.y0, box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
  cv::Mat region = image(roi);
  const int k = kernelSize(chain_.blurSigmaPx);
  cv::GaussianBlur(region, region, cv::Size(k, k), chain_.blurSigmaPx, chain_.blurSigmaPx, cv::BORDER_REPLICATE);
}

PixelBox ImageFormer::dynamicRegion(int phase, std::span<const float> dynamicMuL, const PixelBox& box) const {
  const Phase& p = phases_.at(static_cast<size_t>(phase));
  if (box.empty()) return box;
  // Redo the dynamic box, grown by the blur's reach so its edges blend with the static part;
  // the result (in work_) differs from the static image only inside the returned region.
  const int margin = kernelSize(chain_.blurSigmaPx) / 2 + 1;
  const int w = width(), h = height();
  const PixelBox grown{std::max(box.x0 - 2 * margin, 0), std::max(box.y0 - 2 * margin, 0),
                       std::min(box.x1 + 2 * margin, w - 1), std::min(box.y1 + 2 * margin, h - 1)};
  std::vector<float>& work = work_;
  work.resize(p.counts.size());
  for (int y = grown.y0; y <= grown.y1; ++y) {
    for (int x = grown.x0; x <= grown.x1; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      const bool inside = x >= box.x0 && x <= box.x1 && y >= box.y0 && y <= box.y1;
      work[i] = inside ? p.counts[i] * std::exp(-dynamicMuL[i]) : p.counts[i];
    }
  }
  blurRegion(work, grown);
  // Only the sides the image's edge did not clip lose the blur's margin.
  const PixelBox inner{grown.x0 > 0 ? grown.x0 + margin : 0, grown.y0 > 0 ? grown.y0 + margin : 0,
                       grown.x1 < w - 1 ? grown.x1 - margin : w - 1, grown.y1 < h - 1 ? grown.y1 - margin : h - 1};
  if (!p.glare.empty()) {
    const float g = static_cast<float>(chain_.veilingGlare);
    for (int y = inner.y0; y <= inner.y1; ++y) {
      for (int x = inner.x0; x <= inner.x1; ++x) {
        const size_t i = static_cast<size_t>(y) * w + x;
        work[i] = (1 - g) * work[i] + p.glare[i];
      }
    }
  }
  return inner;
}

void ImageFormer::meanCounts(int phase, std::span<const float> dynamicMuL, const PixelBox& box,
                             std::vector<float>& counts) const {
  counts = phases_.at(static_cast<size_t>(phase)).blurred;
  const PixelBox inner = dynamicRegion(phase, dynamicMuL, box);
  if (inner.empty()) return;
  for (int y = inner.y0; y <= inner.y1; ++y) {
    const size_t row = static_cast<size_t>(y) * width();
    std::copy(work_.begin() + static_cast<long>(row) + inner.x0, work_.begin() + static_cast<long>(row) + inner.x1 + 1,
              counts.begin() + static_cast<long>(row) + inner.x0);
  }
}

const int16_t* ImageFormer::correlatedRow(uint64_t frameIndex, int row, int which) const {
  // Two windows of the blurred field at independent offsets, summed: no frame's noise is a shifted
  // copy of another's.
  const int field = std::max(width(), height()) + kFieldSlack;
  const uint64_t h = mix(seed_ ^ mix(frameIndex * 2 + static_cast<uint64_t>(which) + 0x51ED270B7ull));
  const size_t ox = h % kFieldSlack, oy = (h >> 24) % kFieldSlack;
  return correlated_->data() + (oy + static_cast<size_t>(row)) * field + ox;
}

const float* ImageFormer::electronicRow(uint64_t frameIndex, int row) const {
  if (!white_ || chain_.electronicNoise <= 0) return nullptr;
  // Independent of the quantum noise's rows (which may come from the same table).
  return white_->data() + rowOffset(frameIndex ^ 0x9E3779B97F4A7C15ull, row);
}

size_t ImageFormer::rowOffset(uint64_t frameIndex, int row) const {
  const uint64_t h = mix(seed_ ^ mix(frameIndex * 0x100000001B3ull + static_cast<uint64_t>(row)));
  return static_cast<size_t>(h % (kWhite - static_cast<size_t>(width())));
}

void ImageFormer::noisyCounts(std::span<const float> mean, uint64_t frameIndex, std::span<float> out) const {
  const float e = static_cast<float>(chain_.electronicNoise);
  for (int y = 0; y < height(); ++y) {
    const bool white = !chain_.noiseBeforeBlur;
    const float* zw = white ? white_->data() + rowOffset(frameIndex, y) : nullptr;
    const int16_t* za = white ? nullptr : correlatedRow(frameIndex, y, 0);
    const int16_t* zb = white ? nullptr : correlatedRow(frameIndex, y, 1);
    const float* ze = electronicRow(frameIndex, y);
    const size_t row = static_cast<size_t>(y) * width();
    for (int x = 0; x < width(); ++x) {
      const float m = std::max(mean[row + x], 0.0f);
      const float q = white ? zw[x] : (za[x] + zb[x]) * (0.70710678f / kFieldScale);
      out[row + x] = m + std::sqrt(m) * q + (ze ? e * ze[x] : 0.0f);
    }
  }
}

namespace {

// One row's noise and encoding. The optional terms are fixed at compile time so that each loop has
// no branch; the noise comes from one float row (white) or two 16-bit rows of the blurred field.
struct RowNoise {
  const float* white = nullptr;                    // white quantum noise (the generic detector)
  const int16_t* a = nullptr;                      // else: two windows of the blurred field
  const int16_t* b = nullptr;
  const float* electronic = nullptr;               // white readout noise (null: none)
  float electronicSd = 0;
  const float* vignetteRow = nullptr;              // vignetting from a table (after distortion)
  float cx = 0, dy2 = 0, invR2 = 0, vignetting = 0;  // else analytic: 1 - k min(1, r^2 / R^2)
};

template <bool Correlated, bool Electronic, int Vignette, typename Out>
void encodeSpan(const float* m, const RowNoise& n, const uint16_t* table, int maxCount, int x0, int x1, Out* out) {
  constexpr float kPair = 0.70710678f / kFieldScale;
  constexpr int kChunk = 256;
  // Two passes per chunk: the arithmetic into table indices (this loop vectorises), then the
  // table look-ups (which cannot).
  alignas(32) int index[kChunk];
  const float top = static_cast<float>(maxCount);
  for (int c0 = x0; c0 <= x1; c0 += kChunk) {
    const int count = std::min(kChunk, x1 - c0 + 1);
    for (int i = 0; i < count; ++i) {
      const int x = c0 + i;
      float q;
      if constexpr (Correlated) q = static_cast<float>(n.a[x] + n.b[x]) * kPair;
      else q = n.white[x];
      float noisy = m[x] + std::sqrt(m[x]) * q;
      if constexpr (Electronic) noisy += n.electronicSd * n.electronic[x];
      if constexpr (Vignette == 1) {
        const float dx = static_cast<float>(x) - n.cx;
        noisy *= 1.0f - n.vignetting * std::min(1.0f, (dx * dx + n.dy2) * n.invR2);
      } else if constexpr (Vignette == 2) {
        noisy *= n.vignetteRow[x];
      }
      index[i] = static_cast<int>(std::clamp(noisy + 0.5f, 0.0f, top));
    }
    for (int i = 0; i < count; ++i) out[c0 + i] = static_cast<Out>(table[index[i]]);
  }
}

template <bool Correlated, bool Electronic, typename Out>
void byVignette(int vignette, const float* m, const RowNoise& n, const uint16_t* t, int maxCount, int x0, int x1, Out* out) {
  if (vignette == 1) encodeSpan<Correlated, Electronic, 1>(m, n, t, maxCount, x0, x1, out);
  else if (vignette == 2) encodeSpan<Correlated, Electronic, 2>(m, n, t, maxCount, x0, x1, out);
  else encodeSpan<Correlated, Electronic, 0>(m, n, t, maxCount, x0, x1, out);
}

template <typename Out>
void encodeAny(int vignette, const float* m, const RowNoise& n, const uint16_t* t, int maxCount, int x0, int x1, Out* out) {
  const bool correlated = n.a != nullptr, electronic = n.electronic != nullptr;
  if (correlated && electronic) byVignette<true, true>(vignette, m, n, t, maxCount, x0, x1, out);
  else if (correlated) byVignette<true, false>(vignette, m, n, t, maxCount, x0, x1, out);
  else if (electronic) byVignette<false, true>(vignette, m, n, t, maxCount, x0, x1, out);
  else byVignette<false, false>(vignette, m, n, t, maxCount, x0, x1, out);
}

}  // namespace

void ImageFormer::encodeRow(int y, uint64_t frameIndex, const float* m, int x0, int x1, uint8_t* out8,
                            uint16_t* out16) const {
  RowNoise n;
  if (chain_.noiseBeforeBlur) {
    n.a = correlatedRow(frameIndex, y, 0);
    n.b = correlatedRow(frameIndex, y, 1);
  } else {
    n.white = white_->data() + rowOffset(frameIndex, y);
  }
  n.electronic = electronicRow(frameIndex, y);
  n.electronicSd = static_cast<float>(chain_.electronicNoise);
  int vignette = 0;
  if (!vignette_.empty()) {
    if (!mapX_.empty()) {  // distorted: from the table
      vignette = 2;
      n.vignetteRow = vignette_.data() + static_cast<size_t>(y) * width();
    } else {  // from the radius, no memory to read
      vignette = 1;
      const double px = chain_.pixelMm;
      const double R = (chain_.fieldDiameterMm > 0 ? chain_.fieldDiameterMm / 2 : std::min(width(), height()) * px / 2) / px;
      const double cy = (height() - 1) / 2.0;
      n.cx = static_cast<float>((width() - 1) / 2.0);
      n.dy2 = static_cast<float>((y - cy) * (y - cy));
      n.invR2 = static_cast<float>(1 / (R * R));
      n.vignetting = static_cast<float>(chain_.vignetting);
    }
  }
  const int maxCount = static_cast<int>(encode_.size()) - 1;
  if (out16) encodeAny(vignette, m, n, encode_.data(), maxCount, x0, x1, out16);
  else encodeAny(vignette, m, n, encode_.data(), maxCount, x0, x1, out8);
}

void ImageFormer::render(int phase, std::span<const float> dynamicMuL, const PixelBox& box, uint64_t frameIndex,
                         std::span<uint8_t> out) {
  const std::vector<float>* mean = &phases_.at(static_cast<size_t>(phase)).blurred;
  PixelBox inner;  // where the needle and contrast change the static image (empty: nowhere)
  if (!mapX_.empty()) {
    // Distortion moves everything: the whole mean image, through the warp.
    meanCounts(phase, dynamicMuL, box, scratch_);
    applyDistortion(scratch_);
    mean = &scratch_;
  } else {
    inner = dynamicRegion(phase, dynamicMuL, box);
  }
  const bool eightBit = bytesPerPixel() == 1;
  const int w = width();
  for (int y = 0; y < height(); ++y) {
    const size_t row = static_cast<size_t>(y) * w;
    uint8_t* o8 = eightBit ? out.data() + row : nullptr;
    uint16_t* o16 = eightBit ? nullptr : reinterpret_cast<uint16_t*>(out.data()) + row;
    encodeRow(y, frameIndex, mean->data() + row, 0, w - 1, o8, o16);
    if (!inner.empty() && y >= inner.y0 && y <= inner.y1) {
      encodeRow(y, frameIndex, work_.data() + row, inner.x0, inner.x1, o8, o16);
    }
  }
}

}  // namespace fg::sim
