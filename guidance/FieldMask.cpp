#include "guidance/FieldMask.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "guidance/RobustStats.hpp"

namespace fg::guidance {
namespace {

// A frame pair where nearly everything is unchanged is a repeated frame (a video refresh of the
// same pulse), not evidence of overlays.
constexpr double kRepeatedShare = 0.9;

cv::Mat ellipse(int sizePx) {
  const int n = std::max(1, sizePx) | 1;
  return cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(n, n));
}

// Pixels near saturation stay put by chance now and then: isolated specks, unlike a glyph's
// connected strokes.
void dropSpeckles(cv::Mat& mask, int minPx) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8, CV_32S);
  std::vector<uint8_t> keep(static_cast<size_t>(n), 0);
  for (int i = 1; i < n; ++i) keep[static_cast<size_t>(i)] = stats.at<int>(i, cv::CC_STAT_AREA) >= minPx ? 1 : 0;
  for (int y = 0; y < mask.rows; ++y) {
    const int* l = labels.ptr<int>(y);
    uint8_t* m = mask.ptr<uint8_t>(y);
    for (int x = 0; x < mask.cols; ++x) m[x] = keep[static_cast<size_t>(l[x])] ? 255 : 0;
  }
}

}  // namespace

void FieldFinder::reset() {
  previous_.release();
  unchanged_.release();
  overlay_.release();
  pairs_ = 0;
  mask_.release();
  fieldShare_ = 0;
}

cv::Mat FieldFinder::collimatedField(const cv::Mat& image, const AnalysisScale& scale) const {
  const double cellPx = std::max(1.0, scale.px(settings_.cellMm));
  cv::Mat cells;
  cv::resize(image, cells, cv::Size(std::max(8, static_cast<int>(image.cols / cellPx)),
                                    std::max(8, static_cast<int>(image.rows / cellPx))),
             0, 0, cv::INTER_AREA);
  // Black: the darkest cells. The field's level: the median of the central quarter, where the
  // C-arm is aimed.
  double black = 0;
  cv::minMaxLoc(cells, &black, nullptr);
  const cv::Rect centre(cells.cols * 3 / 8, cells.rows * 3 / 8, std::max(1, cells.cols / 4), std::max(1, cells.rows / 4));
  const cv::Mat centreCells = cells(centre);
  std::vector<float> centreValues(centreCells.begin<float>(), centreCells.end<float>());
  const double fieldLevel = medianInPlace(centreValues);
  const double dark = black + settings_.darkShare * (fieldLevel - black);
  cv::Mat darkCells = cells <= dark;
  // Only dark regions that reach the border are outside the field (dense bone inside is not).
  cv::Mat outside = cv::Mat::zeros(cells.rows + 2, cells.cols + 2, CV_8UC1);
  darkCells.copyTo(outside(cv::Rect(1, 1, cells.cols, cells.rows)));
  outside.row(0).setTo(255);
  outside.row(outside.rows - 1).setTo(255);
  outside.col(0).setTo(255);
  outside.col(outside.cols - 1).setTo(255);
  cv::floodFill(outside, cv::Point(0, 0), cv::Scalar(128), nullptr, cv::Scalar(0), cv::Scalar(0), 8);
  cv::Mat field = outside(cv::Rect(1, 1, cells.cols, cells.rows)) != 128;
  // The margin inside the field's edge (and the image's), at the cells' scale: cheap.
  const int marginCells = static_cast<int>(std::ceil(settings_.edgeMarginMm / settings_.cellMm));
  if (marginCells > 0) {
    cv::erode(field, field, ellipse(2 * marginCells + 1), cv::Point(-1, -1), 1, cv::BORDER_CONSTANT, cv::Scalar(0));
  }
  // Back to the image's px, each to the cell it lies in (as a nearest-neighbour resize maps
  // them, a row at a time).
  cv::Mat full(image.size(), CV_8UC1);
  std::vector<int> cellOfColumn(static_cast<size_t>(full.cols));
  const double columnScale = static_cast<double>(field.cols) / full.cols, rowScale = static_cast<double>(field.rows) / full.rows;
  for (int x = 0; x < full.cols; ++x) cellOfColumn[static_cast<size_t>(x)] = std::min(cvFloor(x * columnScale), field.cols - 1);
  int lastCellRow = -1;
  for (int y = 0; y < full.rows; ++y) {
    const int cy = std::min(cvFloor(y * rowScale), field.rows - 1);
    uint8_t* o = full.ptr<uint8_t>(y);
    if (cy == lastCellRow) {
      std::copy_n(full.ptr<uint8_t>(y - 1), full.cols, o);
      continue;
    }
    lastCellRow = cy;
    const uint8_t* c = field.ptr<uint8_t>(cy);
    for (int x = 0; x < full.cols; ++x) o[x] = c[cellOfColumn[static_cast<size_t>(x)]];
  }
  return full;
}

void FieldFinder::updateOverlay(const cv::Mat& image) {
  if (previous_.size() != image.size()) {
    image.copyTo(previous_);
    unchanged_ = cv::Mat::zeros(image.size(), CV_8UC1);
    pairs_ = 0;
    return;
  }
  if (!overlay_.empty()) return;  // taken: nothing more to learn
  cv::Mat same = image == previous_;
  image.copyTo(previous_);
  if (cv::countNonZero(same) > kRepeatedShare * static_cast<double>(same.total())) return;
  ++pairs_;
  // unchanged = same ? unchanged + 1 : 0 (saturating).
  cv::Mat incremented;
  cv::add(unchanged_, cv::Scalar(1), incremented, same);
  unchanged_.setTo(0);
  incremented.copyTo(unchanged_, same);
}

const cv::Mat& FieldFinder::update(const cv::Mat& image, const AnalysisScale& scale) {
  updateOverlay(image);
  cv::Mat field = collimatedField(image, scale);
  const auto around = [&](cv::Mat overlay) {
    cv::dilate(overlay, overlay, ellipse(2 * static_cast<int>(std::ceil(scale.px(settings_.overlayMarginMm))) + 1));
    return overlay;
  };
  const auto strokes = [&](cv::Mat still) {
    // Thin ones only: a wide area that does not change is clipped anatomy or air (a needle may
    // cross it) or the dark border found above.
    cv::Mat wide;
    cv::morphologyEx(still, wide, cv::MORPH_OPEN,
                     ellipse(2 * static_cast<int>(std::ceil(scale.px(settings_.strokeMm))) + 1));
    return cv::Mat(still & ~wide);
  };
  if (overlay_.empty() && pairs_ >= settings_.staticFrames) {
    // Text and markers are there from the first frames, burned in white; what stops changing
    // later (contrast dense enough to clip) is anatomy, and a dark line that stays put is a
    // needle held still: the overlay is taken once, bright.
    const cv::Scalar level = cv::mean(image);
    cv::Mat still = (unchanged_ >= settings_.staticFrames) & (image > level[0]);
    dropSpeckles(still, settings_.minStrokePx);
    overlay_ = around(strokes(still));
  }
  if (!overlay_.empty() && overlay_.size() == image.size()) {
    field.setTo(0, overlay_);
  } else {
    // Before there are frames to compare: white strokes at the top of the range.
    double hi = 0;
    cv::minMaxLoc(image, nullptr, &hi);
    field.setTo(0, around(strokes(image >= hi)));
  }
  mask_ = field;
  fieldShare_ = static_cast<double>(cv::countNonZero(mask_)) / static_cast<double>(std::max<size_t>(1, mask_.total()));
  return mask_;
}

}  // namespace fg::guidance
