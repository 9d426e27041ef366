#pragma once
// Fixtures the capture tests write for themselves: no binary files in the repository.

#include <filesystem>
#include <string>

namespace fg::test {

// A fresh, empty folder under the system temp folder, removed when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Writes `frames` frames of width x height; frame i is filled with grey level 20 * i + 10 plus a
// white square at x = 4 * i. Returns false when no encoder was available.
bool writeTestVideo(const std::filesystem::path& path, int frames, int width, int height, double fps);

// Writes `count` 16-bit PNGs named 000.png, 001.png, ...; image i holds value 1000 + i everywhere.
void writePngSequence(const std::filesystem::path& folder, int count, int width, int height);

void writeBytes(const std::filesystem::path& path, const std::string& bytes);

}  // namespace fg::test
