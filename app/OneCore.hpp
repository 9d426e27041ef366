#pragma once
// For the bench's per-core figures: OpenCV spreads some loops over all cores; inside this scope
// it uses one.

#include <opencv2/core.hpp>

namespace fg::app {

class SingleThreadedOpenCv {
 public:
  SingleThreadedOpenCv() : before_(cv::getNumThreads()) { cv::setNumThreads(1); }
  ~SingleThreadedOpenCv() { cv::setNumThreads(before_); }
  SingleThreadedOpenCv(const SingleThreadedOpenCv&) = delete;
  SingleThreadedOpenCv& operator=(const SingleThreadedOpenCv&) = delete;

 private:
  int before_;
};

}  // namespace fg::app
