#include <catch2/catch.hpp>
#include <numeric>
#include <vector>

#include "sim/ImageFormer.hpp"

using namespace fg::sim;

TEST_CASE("at a flat field the noise variance matches its mean", "[sim][noise]") {
  DoseSettings dose;
  dose.photonsPerPixel = 400;
  ImageFormer former(256, 256, dose, 9);
  std::vector<float> mean(256 * 256, 400.0f), noisy(mean.size());
  former.noisyCounts(mean, 3, noisy);
  const double m = std::accumulate(noisy.begin(), noisy.end(), 0.0) / noisy.size();
  double var = 0;
  for (float v : noisy) var += (v - m) * (v - m);
  var /= noisy.size() - 1;
  CHECK(m == Approx(400).epsilon(0.01));
  CHECK(var == Approx(m).epsilon(0.05));
}

TEST_CASE("noise differs between frames and repeats for the same frame", "[sim][noise]") {
  ImageFormer former(64, 64, {}, 5);
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
  dose.blurSigmaPx = 0;
  ImageFormer former(32, 1, dose, 1);
  std::vector<float> muL(32);
  for (int i = 0; i < 32; ++i) muL[static_cast<size_t>(i)] = i * 0.25f;
  former.setStatic(muL);
  std::vector<float> none(32, 0.0f), counts;
  former.meanCounts(none, {0, 0, -1, -1}, counts);
  for (int i = 1; i < 32; ++i) {
    CHECK(counts[static_cast<size_t>(i)] < counts[static_cast<size_t>(i - 1)]);
    CHECK(counts[static_cast<size_t>(i)] / counts[static_cast<size_t>(i - 1)] == Approx(std::exp(-0.25)).epsilon(1e-4));
    CHECK(former.valueForCounts(counts[static_cast<size_t>(i)]) <= former.valueForCounts(counts[static_cast<size_t>(i - 1)]));
  }
  CHECK(former.valueForCounts(1e9) == ImageFormer::kMaxValue);
  CHECK(former.valueForCounts(0) == 0);
}
