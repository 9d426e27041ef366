#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/TemporalFilter.hpp"

using namespace fg;
using namespace fg::guidance;

TEST_CASE("still images lose noise and a moving edge does not smear", "[guidance][filter]") {
  TemporalFilter filter(1.0);
  const cv::Mat clean(256, 256, CV_32FC1, cv::Scalar(1000));
  cv::Mat out;
  for (int i = 0; i < 30; ++i) out = filter.apply(test::withNoise(clean, 10, 100 + i), 10).clone();
  cv::Scalar mean, sd;
  cv::meanStdDev(out, mean, sd);
  CHECK(sd[0] < 10 * 0.45);  // noise well below a single frame's

  // A bright bar appears: it must be there at full strength in the very next output.
  cv::Mat next = clean.clone();
  next(cv::Rect(100, 0, 10, 256)).setTo(1400);
  out = filter.apply(test::withNoise(next, 10, 999), 10).clone();
  CHECK(cv::mean(out(cv::Rect(102, 20, 6, 200)))[0] == Approx(1400).margin(15));
}

TEST_CASE("strength zero passes frames through", "[guidance][filter]") {
  TemporalFilter filter(0.0);
  const cv::Mat a = test::withNoise(cv::Mat(64, 64, CV_32FC1, cv::Scalar(500)), 10, 1);
  const cv::Mat b = test::withNoise(cv::Mat(64, 64, CV_32FC1, cv::Scalar(500)), 10, 2);
  filter.apply(a, 10);
  const cv::Mat out = filter.apply(b, 10);
  CHECK(cv::norm(out, b, cv::NORM_INF) == 0);
}
