// Every encoding brought to one domain: linear quanta and a log look-up give the same difference
// for the same attenuation, over dark and bright anatomy; a monitor's picture is taken as its
// windowed log image; the encoding is measured from the noise where the source does not say it.
#include <cmath>

#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "guidance/IntensityDomain.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {

constexpr int kSize = 256;
constexpr double kDarkQuanta = 200, kBrightQuanta = 3000;
constexpr double kContrastMuL = 0.15;
const cv::Point kDarkDisc{40, 128}, kBrightDisc{216, 128};

// Quanta per pixel: an exponential ramp from dark (left) to bright (right), as bone to soft
// tissue; with `contrast`, two discs of the same attenuation, one over each end.
cv::Mat quanta(bool contrast) {
  cv::Mat q(kSize, kSize, CV_32FC1);
  for (int y = 0; y < kSize; ++y) {
    for (int x = 0; x < kSize; ++x) {
      double t = kDarkQuanta * std::exp(std::log(kBrightQuanta / kDarkQuanta) * x / (kSize - 1));
      if (contrast && (cv::norm(cv::Point(x, y) - kDarkDisc) < 12 || cv::norm(cv::Point(x, y) - kBrightDisc) < 12)) {
        t *= std::exp(-kContrastMuL);
      }
      q.at<float>(y, x) = static_cast<float>(t);
    }
  }
  return q;
}

// Poisson noise (Gaussian, variance = mean), blurred as a scintillator does (correlated).
cv::Mat noisy(const cv::Mat& q, unsigned seed) {
  cv::RNG rng(seed);
  cv::Mat n(q.size(), CV_32FC1);
  rng.fill(n, cv::RNG::NORMAL, 0, 1);
  cv::Mat sd;
  cv::sqrt(q, sd);
  cv::Mat out = q + n.mul(sd);
  cv::GaussianBlur(out, out, cv::Size(0, 0), 0.8);
  return out;
}

enum class Coding { Linear, Log, Display };

double lnOf(double t) { return (std::log(std::max(t, 1.0)) - std::log(100.0)) / (std::log(4000.0) - std::log(100.0)); }

// Quanta as a chain stores them: 12-bit linear or log, or an 8-bit picture (gamma 2.2).
cv::Mat encode(const cv::Mat& q, Coding coding) {
  cv::Mat v(q.size(), CV_32FC1);
  for (int y = 0; y < q.rows; ++y) {
    for (int x = 0; x < q.cols; ++x) {
      const double t = q.at<float>(y, x);
      double e = 0;
      switch (coding) {
        case Coding::Linear: e = std::min(4095.0, t); break;
        case Coding::Log: e = 4095 * std::clamp(lnOf(t), 0.0, 1.0); break;
        case Coding::Display: e = std::round(255 * std::pow(std::clamp(lnOf(t), 0.0, 1.0), 1 / 2.2)); break;
      }
      v.at<float>(y, x) = static_cast<float>(e);
    }
  }
  return v;
}

core::FrameFormat formatOf(Coding coding, core::PixelIntensity said) {
  core::FrameFormat f;
  f.width = f.height = kSize;
  f.pixelFormat = coding == Coding::Display ? core::PixelFormat::Gray8 : core::PixelFormat::Gray16;
  f.bitsStored = coding == Coding::Display ? 8 : 12;
  f.intensity = said;
  if (coding == Coding::Display && said == core::PixelIntensity::Display) f.displayGamma = 2.2;
  return f;
}

double discChange(const cv::Mat& without, const cv::Mat& with, cv::Point at) {
  const cv::Rect core(at.x - 5, at.y - 5, 11, 11);
  return cv::mean(without(core))[0] - cv::mean(with(core))[0];
}

}  // namespace

TEST_CASE("the encoding is measured from how the noise grows with brightness", "[guidance][intensity]") {
  const cv::Mat q = quanta(false);
  const cv::Mat noise = noisy(q, 3);
  SECTION("linear quanta: the noise grows as the square root of the value") {
    const auto slope = noiseSlopeWithBrightness(encode(noise, Coding::Linear), cv::Mat());
    REQUIRE(slope);
    CHECK(*slope == Approx(0.5).margin(0.12));
    DomainConverter c;
    cv::Mat image = encode(noise, Coding::Linear);
    CHECK(c.apply(image, formatOf(Coding::Linear, core::PixelIntensity::Unknown), cv::Mat()).from ==
          core::PixelIntensity::Linear);
    CHECK(c.domain().measured);
    CHECK_THAT(describe(c.domain()), Catch::Contains("measured"));
  }
  SECTION("a log look-up: the noise falls with brightness") {
    CHECK(noiseSlopeWithBrightness(encode(noise, Coding::Log), cv::Mat()).value_or(1) < 0);
    DomainConverter c;
    cv::Mat image = encode(noise, Coding::Log);
    CHECK(c.apply(image, formatOf(Coding::Log, core::PixelIntensity::Unknown), cv::Mat()).from ==
          core::PixelIntensity::Log);
  }
  SECTION("an 8-bit picture whose noise does not grow is a display's, its gamma not known") {
    DomainConverter c;
    cv::Mat image = encode(noise, Coding::Display);
    CHECK(c.apply(image, formatOf(Coding::Display, core::PixelIntensity::Unknown), cv::Mat()).from ==
          core::PixelIntensity::Display);
    CHECK(c.domain().knownGamma == 0);  // taken as a windowed log image: never a gamma guessed
    CHECK_THAT(describe(c.domain()), Catch::Contains("gamma not known"));
  }
  SECTION("a frame too small to tell is said to be unmeasured, not measured flat") {
    DomainConverter c;
    cv::Mat tiny = encode(noise, Coding::Linear)(cv::Rect(0, 0, 24, 24)).clone();
    core::FrameFormat f = formatOf(Coding::Linear, core::PixelIntensity::Unknown);
    f.width = f.height = 24;
    CHECK_FALSE(noiseSlopeWithBrightness(tiny, cv::Mat()).has_value());
    c.apply(tiny, f, cv::Mat());
    CHECK_FALSE(c.domain().measurable);
    CHECK_THAT(describe(c.domain()), Catch::Contains("could not be measured"));
  }
  SECTION("what the source says is taken, not measured") {
    DomainConverter c;
    cv::Mat image = encode(noise, Coding::Log);
    CHECK(c.apply(image, formatOf(Coding::Log, core::PixelIntensity::Linear), cv::Mat()).from ==
          core::PixelIntensity::Linear);
    CHECK_FALSE(c.domain().measured);
    CHECK_THAT(describe(c.domain()), Catch::Contains("as the source says"));
  }
}

TEST_CASE("linear and log encodings give the same difference for the same attenuation, over dark and bright",
          "[guidance][intensity]") {
  const cv::Mat without = quanta(false), with = quanta(true);
  for (Coding coding : {Coding::Linear, Coding::Log}) {
    const core::FrameFormat f = formatOf(coding, core::PixelIntensity::Unknown);  // measured
    // Stored as it is, the linear change over bright anatomy is many times that over bone.
    const cv::Mat rawWithout = encode(without, coding), rawWith = encode(with, coding);
    if (coding == Coding::Linear) {
      CHECK(discChange(rawWithout, rawWith, kBrightDisc) > 5 * discChange(rawWithout, rawWith, kDarkDisc));
    }
    DomainConverter c;
    cv::Mat first = encode(noisy(without, 5), coding);
    c.apply(first, f, cv::Mat());  // decides on a noisy frame, as the analysis does
    cv::Mat a = rawWithout.clone(), b = rawWith.clone();
    c.apply(a, f, cv::Mat());
    c.apply(b, f, cv::Mat());
    const double dark = discChange(a, b, kDarkDisc), bright = discChange(a, b, kBrightDisc);
    INFO("coding " << static_cast<int>(coding) << ": " << describe(c.domain()) << ", dark " << dark << ", bright " << bright);
    REQUIRE(dark > 0);
    CHECK(bright / dark == Approx(1.0).margin(0.05));
  }
}

TEST_CASE("a display picture is taken as its windowed log image: black off, range kept, gamma left in",
          "[guidance][intensity]") {
  // A picture with blades (black 12) around the field, its gamma known to the source.
  cv::Mat picture = encode(noisy(quanta(false), 6), Coding::Display);
  picture(cv::Rect(0, 0, kSize, 10)).setTo(12);
  const core::FrameFormat f = formatOf(Coding::Display, core::PixelIntensity::Display);
  DomainConverter c;
  cv::Mat converted = picture.clone();
  c.apply(converted, f, cv::Mat());
  CHECK(c.domain().black == Approx(12));
  CHECK(c.domain().knownGamma == Approx(2.2));
  CHECK_THAT(describe(c.domain()), Catch::Contains("gamma 2.2 left in"));
  // An affine map: 255 (v - 12) / 243.
  for (const cv::Point p : {cv::Point(3, 3), cv::Point(40, 128), cv::Point(216, 128)}) {
    CHECK(converted.at<float>(p) == Approx(255 * (picture.at<float>(p) - 12) / 243).margin(1e-3));
  }
}
