#pragma once
// Synthetic images with known answers for the guidance tests.
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/FrameFormat.hpp"

namespace fg::test {

// A 16-bit, 12-bit-stored frame format of `sizePx` square at 0.3 mm per px (a detector's).
inline core::FrameFormat detectorFormat(int sizePx = 1024) {
  core::FrameFormat f;
  f.width = f.height = sizePx;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  return f;
}

// A textured anatomy-like image: smooth gradients, bright and dark blobs, edges (CV_32FC1).
inline cv::Mat anatomy(int size = 512, unsigned seed = 1) {
  cv::Mat image(size, size, CV_32FC1, cv::Scalar(2000));
  cv::RNG rng(seed);
  for (int i = 0; i < 40; ++i) {
    const cv::Point c(rng.uniform(0, size), rng.uniform(0, size));
    const cv::Size axes(rng.uniform(size / 40, size / 8), rng.uniform(size / 40, size / 8));
    cv::ellipse(image, c, axes, rng.uniform(0, 180), 0, 360, cv::Scalar(rng.uniform(-600, 600)), cv::FILLED);
  }
  cv::GaussianBlur(image, image, cv::Size(0, 0), 2.0);
  for (int y = 0; y < size; ++y) {
    float* row = image.ptr<float>(y);
    for (int x = 0; x < size; ++x) row[x] += 0.8f * x;
  }
  return image;
}

inline cv::Mat withNoise(const cv::Mat& image, double sigma, unsigned seed) {
  cv::Mat noise(image.size(), CV_32FC1);
  cv::RNG rng(seed);
  rng.fill(noise, cv::RNG::NORMAL, 0, sigma);
  return image + noise;
}

}  // namespace fg::test
