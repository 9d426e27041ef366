#include "guidance/IntensityDomain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {

namespace {

constexpr double kLinearSlope = 0.25;      // noise growing faster than this with brightness: linear
constexpr double kLimitedRangeBlack = 16;  // limited-range video's black (ITU-R BT.601 / BT.709)
constexpr int kBands = 8;
constexpr size_t kMinBandSamples = 200;

std::string rounded(double v, int decimals) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return text;
}

}  // namespace

std::string describe(const IntensityDomain& d) {
  std::string out(core::toString(d.from));
  if (d.from == core::PixelIntensity::Display) {
    out += d.knownGamma > 0 ? ", taken as a windowed log image (gamma " + rounded(d.knownGamma, 1) + " left in)"
                            : ", taken as a windowed log image (gamma not known)";
    out += ", black " + rounded(d.black, 0);
  }
  if (d.measured && !d.measurable) {
    out += ", assumed (the first frame's noise could not be measured)";
  } else if (d.measured) {
    out += d.from == core::PixelIntensity::Linear ? ", measured (noise grows with brightness, slope "
                                                  : ", measured (noise does not grow with brightness, slope ";
    out += rounded(d.noiseSlope, 2) + ")";
  } else {
    out += " (as the source says)";
  }
  return out;
}

std::optional<double> noiseSlopeWithBrightness(const cv::Mat& image, const cv::Mat& field) {
  CV_Assert(image.type() == CV_32FC1);
  CV_Assert(field.empty() || (field.size() == image.size() && field.type() == CV_8UC1));
  double lo = 0, hi = 0;
  cv::minMaxLoc(image, &lo, &hi);
  // Samples on a sparse grid (every 2nd row, every 3rd column), each a value and its second
  // difference, off saturation and outside the field.
  std::vector<std::pair<float, float>> samples;
  samples.reserve(static_cast<size_t>(image.rows / 2) * static_cast<size_t>(image.cols / 3 + 1));
  const bool everywhere = field.empty();
  for (int y = 0; y < image.rows; y += 2) {
    const float* row = image.ptr<float>(y);
    const uint8_t* in = everywhere ? nullptr : field.ptr<uint8_t>(y);
    for (int x = 2; x < image.cols; x += 3) {
      if (in != nullptr && (in[x] == 0 || in[x - 1] == 0 || in[x - 2] == 0)) continue;
      const float v = row[x - 1];
      if (v <= 0 || v >= 0.995 * hi) continue;
      samples.emplace_back(v, std::abs(row[x] - 2 * row[x - 1] + row[x - 2]));
    }
  }
  if (samples.size() < kBands * kMinBandSamples) return std::nullopt;
  std::sort(samples.begin(), samples.end());
  std::vector<double> lnValue, lnSigma;
  const size_t per = samples.size() / kBands;
  for (int b = 0; b < kBands; ++b) {
    std::vector<float> values, diffs;
    for (size_t i = b * per; i < (b + 1) * per; ++i) {
      values.push_back(samples[i].first);
      diffs.push_back(samples[i].second);
    }
    const double value = medianInPlace(values), sigma = medianInPlace(diffs);
    if (value > 0 && sigma > 0) {
      lnValue.push_back(std::log(value));
      lnSigma.push_back(std::log(sigma));
    }
  }
  if (lnValue.size() < 3) return std::nullopt;
  // Least squares of ln sigma on ln value.
  double mx = 0, my = 0;
  for (size_t i = 0; i < lnValue.size(); ++i) mx += lnValue[i], my += lnSigma[i];
  mx /= static_cast<double>(lnValue.size());
  my /= static_cast<double>(lnValue.size());
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < lnValue.size(); ++i) {
    sxy += (lnValue[i] - mx) * (lnSigma[i] - my);
    sxx += (lnValue[i] - mx) * (lnValue[i] - mx);
  }
  if (!(sxx > 0)) return std::nullopt;
  return sxy / sxx;
}

void DomainConverter::decide(const cv::Mat& image, const core::FrameFormat& format, const cv::Mat& field) {
  domain_ = {};
  domain_.from = format.intensity;
  max_ = format.maxValue();
  if (domain_.from == core::PixelIntensity::Unknown) {
    domain_.measured = true;
    const std::optional<double> slope = noiseSlopeWithBrightness(image, field.size() == image.size() ? field : cv::Mat());
    domain_.measurable = slope.has_value();
    domain_.noiseSlope = slope.value_or(0.0);
    if (domain_.measurable && domain_.noiseSlope > kLinearSlope) {
      domain_.from = core::PixelIntensity::Linear;
    } else {
      domain_.from = format.bitsStored <= 8 ? core::PixelIntensity::Display : core::PixelIntensity::Log;
    }
  }
  if (domain_.from == core::PixelIntensity::Display) {
    domain_.knownGamma = format.displayGamma;
    // The darkest values (the blades, a video's black): the 0.1th percentile, at most 16.
    cv::Mat flat = image.reshape(1, 1);
    std::vector<float> values;
    values.reserve(flat.total() / 7 + 1);
    for (size_t i = 0; i < flat.total(); i += 7) values.push_back(flat.at<float>(0, static_cast<int>(i)));
    auto nth = values.begin() + static_cast<long>(values.size() / 1000);
    std::nth_element(values.begin(), nth, values.end());
    domain_.black = std::clamp(static_cast<double>(*nth), 0.0, kLimitedRangeBlack);
  }
  decided_ = true;
}

const IntensityDomain& DomainConverter::apply(cv::Mat& image, const core::FrameFormat& format, const cv::Mat& field) {
  if (!decided_) decide(image, format, field);
  switch (domain_.from) {
    case core::PixelIntensity::Linear: {
      // max ln(1 + v) / ln(1 + max), in place.
      image += 1.0;
      cv::log(image, image);
      image *= max_ / std::log1p(max_);
      break;
    }
    case core::PixelIntensity::Display: {
      // Its black taken off, its range kept: max (v - black) / (max - black).
      const double span = std::max(1.0, max_ - domain_.black);
      image -= domain_.black;
      cv::max(image, 0.0, image);
      image *= max_ / span;
      break;
    }
    default: break;  // already log
  }
  return domain_;
}

}  // namespace fg::guidance
