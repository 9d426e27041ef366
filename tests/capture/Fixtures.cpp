#include "Fixtures.hpp"

#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <random>

namespace fg::test {

TempDir::TempDir(const std::string& tag) {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("fg-test-" + tag + "-" + std::to_string(rd()) + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

bool writeTestVideo(const std::filesystem::path& path, int frames, int width, int height, double fps) {
  // FFV1 is lossless, so the grey levels read back exactly.
  cv::VideoWriter writer(path.string(), cv::CAP_FFMPEG, cv::VideoWriter::fourcc('F', 'F', 'V', '1'),
                         fps, cv::Size(width, height), true);
  if (!writer.isOpened()) return false;
  for (int i = 0; i < frames; ++i) {
    cv::Mat picture(height, width, CV_8UC3, cv::Scalar::all(20 * i + 10));
    cv::rectangle(picture, cv::Rect(4 * i, 0, 4, 4), cv::Scalar::all(255), cv::FILLED);
    writer.write(picture);
  }
  return true;
}

void writePngSequence(const std::filesystem::path& folder, int count, int width, int height) {
  std::filesystem::create_directories(folder);
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "%03d.png", i);
    cv::imwrite((folder / name).string(), cv::Mat(height, width, CV_16UC1, cv::Scalar(1000 + i)));
  }
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace fg::test
