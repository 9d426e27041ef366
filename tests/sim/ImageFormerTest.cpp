#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "sim/ImageFormer.hpp"

using namespace fg::sim;

namespace {
ImagingChain chainOf(int w, int h, double blur) {
  ImagingChain c;
  c.columns = w;
  c.rows = h;
  c.blurSigmaPx = blur;
  c.noiseBeforeBlur = true;
  return c;
}
double variance(const std::vector<float>& v, double& mean) {
  mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
  double var = 0;
  for (float x : v) var += (x - mean) * (x - mean);
  return var / (v.size() - 1);
}
}  // namespace

TEST_CASE("without blur the quantum noise variance at a flat field is its mean", "[sim][noise]") {
  DoseSettings dose;
  dose.photonsPerPixel = 400;
  ImageFormer former(chainOf(256, 256, 0), dose, 9);
  std::vector<float> mean(256 * 256, 400.0f), noisy(mean.size());
  former.noisyCounts(mean, 3, noisy);
  double m = 0;
  const double var = variance(noisy, m);
  CHECK(m == Approx(400).epsilon(0.01));
  CHECK(var == Approx(m).epsilon(0.05));
}

TEST_CASE("noise before the blur: lower variance, correlated neighbours, as the kernel says",
          "[sim][noise]") {
  // Poisson noise blurred by the detector's kernel k has variance mean * sum(k^2) and a
  // correlation between neighbours of sum(g_i g_i+1) / sum(g_i^2) (g: the 1D kernel). Noise added
  // after the blur would keep variance = mean and no correlation.
  const double sigma = 1.0;
  DoseSettings dose;
  dose.photonsPerPixel = 900;
  ImageFormer former(chainOf(512, 512, sigma), dose, 4);
  std::vector<float> mean(512 * 512, 900.0f), noisy(mean.size());
  former.noisyCounts(mean, 7, noisy);
  const int k = 2 * static_cast<int>(std::ceil(3 * sigma)) + 1;
  const cv::Mat g = cv::getGaussianKernel(k, sigma, CV_64F);
  double g2 = 0, g11 = 0;
  for (int i = 0; i < k; ++i) g2 += g.at<double>(i) * g.at<double>(i);
  for (int i = 0; i + 1 < k; ++i) g11 += g.at<double>(i) * g.at<double>(i + 1);
  double m = 0;
  const double var = variance(noisy, m);
  CHECK(former.noisePowerFactor() == Approx(g2 * g2).epsilon(1e-6));
  CHECK(var == Approx(900 * g2 * g2).epsilon(0.05));
  CHECK(var < 0.3 * 900);
  double cov = 0;
  size_t n = 0;
  for (int y = 0; y < 512; ++y) {
    for (int x = 0; x + 1 < 512; ++x) {
      cov += (noisy[y * 512 + x] - m) * (noisy[y * 512 + x + 1] - m);
      ++n;
    }
  }
  CHECK(cov / n / var == Approx(g11 / g2).margin(0.03));
}

TEST_CASE("noise differs between frames and repeats for the same frame", "[sim][noise]") {
  ImageFormer former(chainOf(64, 64, 0.7), {}, 5);
  std::vector<float> mean(64 * 64, 500.0f), a(mean.size()), b(mean.size()), c(mean.size());
  former.noisyCounts(mean, 1, a);
  former.noisyCounts(mean, 2, b);
  former.noisyCounts(mean, 1, c);
  CHECK(a != b);
  CHECK(a == c);
}

TEST_CASE("Beer-Lambert: more attenuation never gives a brighter value", "[sim][beer-lambert]") {
  DoseSettings dose;
  dose.photonsPerPixel = 1000;
  for (PixelEncoding encoding : {PixelEncoding::Log, PixelEncoding::Linear, PixelEncoding::Video}) {
    ImagingChain chain = chainOf(32, 1, 0);
    chain.encoding = encoding;
    ImageFormer former(chain, dose, 1);
    std::vector<float> muL(32);
    for (int i = 0; i < 32; ++i) muL[static_cast<size_t>(i)] = i * 0.25f;
    former.setStatic(0, muL);
    std::vector<float> none(32, 0.0f), counts;
    former.meanCounts(0, none, {0, 0, -1, -1}, counts);
    for (int i = 1; i < 32; ++i) {
      CHECK(counts[static_cast<size_t>(i)] < counts[static_cast<size_t>(i - 1)]);
      CHECK(counts[static_cast<size_t>(i)] / counts[static_cast<size_t>(i - 1)] == Approx(std::exp(-0.25)).epsilon(1e-4));
      CHECK(former.valueForCounts(counts[static_cast<size_t>(i)]) <= former.valueForCounts(counts[static_cast<size_t>(i - 1)]));
    }
    CHECK(former.valueForCounts(1e9) == former.maxValue());
    CHECK(former.valueForCounts(0) == 0);  // no quanta: black (full-range video too)
  }
}
