#include <catch2/catch.hpp>
#include <opencv2/imgproc.hpp>

#include "Synthetic.hpp"
#include "guidance/VertebraFinder.hpp"

using namespace fg;
using namespace fg::guidance;

namespace {
// A binned (2x2) AP spine: vertebral bodies with pedicles every `pitch` binned px down the
// middle, each a little larger than the one above, and a wide sacrum-like shape at the bottom.
cv::Mat drawnSpine(int size, double pitch, double firstY, int count,
                   std::vector<cv::Point2d>* centres) {
  cv::Mat image(size, size, CV_32F, cv::Scalar(3000));
  const double x = size / 2.0;
  for (int i = 0; i < count; ++i) {
    const double y = firstY + i * pitch, grow = 1 + 0.03 * i;
    const cv::Point c(static_cast<int>(x), static_cast<int>(y));
    cv::ellipse(image, c, cv::Size(static_cast<int>(30 * grow), static_cast<int>(22 * grow)), 0, 0,
                360, cv::Scalar(2200), -1);
    cv::ellipse(image, c + cv::Point(-20, -8), cv::Size(6, 8), 0, 0, 360, cv::Scalar(1500), -1);
    cv::ellipse(image, c + cv::Point(20, -8), cv::Size(6, 8), 0, 0, 360, cv::Scalar(1500), -1);
    cv::line(image, c + cv::Point(0, 5), c + cv::Point(0, 30), cv::Scalar(1800), 5);
    centres->push_back({x * 2 + 0.5, y * 2 + 0.5});  // frame px
  }
  const cv::Point sacrum(static_cast<int>(x), static_cast<int>(firstY + count * pitch + 10));
  cv::fillConvexPoly(image,
                     std::vector<cv::Point>{sacrum + cv::Point(-70, -20),
                                            sacrum + cv::Point(70, -20), sacrum + cv::Point(0, 60)},
                     cv::Scalar(1900));
  cv::GaussianBlur(image, image, {0, 0}, 1.5);
  return test::withNoise(image, 20, 5);
}
}  // namespace

TEST_CASE("the vertebrae above and below the one pointed at are found in order",
          "[guidance][levels]") {
  const core::FrameFormat format = test::detectorFormat(1024);
  std::vector<cv::Point2d> truth;
  const cv::Mat binned = drawnSpine(512, 95, 40, 5, &truth);
  const std::vector<cv::Point2d> found = findVertebrae(format, binned, 2, truth[2]);
  REQUIRE(found.size() == truth.size());  // none skipped or doubled; the sacrum is not one
  for (size_t i = 0; i < truth.size(); ++i) {
    INFO("vertebra " << i << " found at " << found[i] << ", drawn at " << truth[i]);
    CHECK(cv::norm(found[i] - truth[i]) < 10.0);  // 3 mm: a starting place the user can adjust
  }
}

TEST_CASE("a frame with nothing like a spine finds only the one pointed at", "[guidance][levels]") {
  const core::FrameFormat format = test::detectorFormat(1024);
  const cv::Mat flat = test::withNoise(cv::Mat(512, 512, CV_32F, cv::Scalar(2000)), 20, 3);
  const auto found = findVertebrae(format, flat, 2, {512, 512});
  REQUIRE(found.size() == 1);
  CHECK(found[0] == cv::Point2d(512, 512));
}

TEST_CASE("on a soft image whose match only falls away from the patch, no neighbour is named", "[guidance][levels]") {
  // Broad, smooth shading (soft tissue and gas over a 3 mm CT's spine): a patch matches itself
  // shifted by a little better than by more, at every shift; nothing repeats one pitch on.
  const core::FrameFormat format = test::detectorFormat(1024);
  cv::Mat soft(512, 512, CV_32F);
  for (int y = 0; y < soft.rows; ++y)
    for (int x = 0; x < soft.cols; ++x)
      soft.at<float>(y, x) = static_cast<float>(2000 + 600 * std::exp(-((x - 256.0) * (x - 256.0) + (y - 300.0) * (y - 300.0)) /
                                                                     (2 * 90.0 * 90.0)) + 0.8 * y);
  const auto found = findVertebrae(format, test::withNoise(soft, 5, 7), 2, {512, 560});
  REQUIRE(found.size() == 1);
}
