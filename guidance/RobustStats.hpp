#pragma once
// The robust statistics the analysis leans on (noise, exposure offsets, levels): one median and
// one outlier-resistant centre, so every stage means the same by them.

#include <algorithm>
#include <cmath>
#include <vector>

namespace fg::guidance {

// Gaussian sigma over the median absolute deviation.
inline constexpr double kMadToSigma = 1.4826;

// The median (the upper one of an even count); reorders `values`. 0 when empty.
template <class T>
double medianInPlace(std::vector<T>& values) {
  if (values.empty()) return 0;
  auto middle = values.begin() + static_cast<long>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return static_cast<double>(*middle);
}

// The centre of samples that a one-sided minority (contrast, a needle) would pull: the median of
// those within 2.5 robust sigmas of the plain median.
inline double robustCentre(std::vector<float> samples) {
  if (samples.empty()) return 0;
  std::vector<float> work = samples;
  const double median = medianInPlace(work);
  for (float& v : work) v = static_cast<float>(std::abs(v - median));
  const double limit = 2.5 * kMadToSigma * medianInPlace(work);
  work.clear();
  for (float v : samples) {
    if (std::abs(v - median) <= limit) work.push_back(v);
  }
  return work.empty() ? median : medianInPlace(work);
}

}  // namespace fg::guidance
