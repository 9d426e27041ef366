#include "record/CineRun.hpp"

#include <algorithm>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/PosixFile.hpp"
#include "procedure/CaseFiles.hpp"

namespace fg::record {
namespace fs = std::filesystem;
namespace {

nlohmann::json formatJson(const core::FrameFormat& f) {
  return {
      {"width", f.width},
      {"height", f.height},
      {"pixelFormat", static_cast<int>(f.pixelFormat)},
      {"bitsStored", f.bitsStored},
      {"mmPerPixelX", f.mmPerPixelX},
      {"mmPerPixelY", f.mmPerPixelY},
      {"magnification", f.magnification},
      {"orientation",
       {std::string(f.orientation.row.letters()), std::string(f.orientation.column.letters())}},
      {"intensity", std::string(core::toString(f.intensity))},
      {"displayGamma", f.displayGamma}};
}

bool formatFromJson(const nlohmann::json& j, core::FrameFormat* f) {
  if (!j.is_object()) return false;
  f->width = j.value("width", 0);
  f->height = j.value("height", 0);
  f->pixelFormat = static_cast<core::PixelFormat>(j.value("pixelFormat", 0));
  f->bitsStored = j.value("bitsStored", 0);
  f->mmPerPixelX = j.value("mmPerPixelX", 0.0);
  f->mmPerPixelY = j.value("mmPerPixelY", 0.0);
  f->magnification = j.value("magnification", 0.0);
  if (j.contains("intensity") && j["intensity"].is_string()) {
    f->intensity = core::parsePixelIntensity(j["intensity"].get<std::string>());
  }
  f->displayGamma = j.value("displayGamma", 0.0);
  if (!(f->displayGamma >= 0 && f->displayGamma <= 5)) f->displayGamma = 0;  // unsaid or out of reason
  if (j.contains("orientation") && j["orientation"].is_array() && j["orientation"].size() == 2) {
    f->orientation = {core::PatientDirection(j["orientation"][0].get<std::string>()),
                      core::PatientDirection(j["orientation"][1].get<std::string>())};
  }
  return f->valid();
}

}  // namespace

CineWriter::CineWriter(fs::path dir, int framesFd, int indexFd)
    : dir_(std::move(dir)), framesFd_(framesFd), indexFd_(indexFd) {}

CineWriter::~CineWriter() {
  if (framesFd_ >= 0) ::close(framesFd_);
  if (indexFd_ >= 0) ::close(indexFd_);
}

core::Result<std::unique_ptr<CineWriter>> CineWriter::create(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir / kIndexFileName, ec)) {
    return core::Status::error(core::StatusCode::Io,
                               dir.string() + " already holds a recorded run");
  }
  if (auto status = procedure::makePrivateDir(dir); !status) return status;
  const int framesFd = ::open((dir / kFramesFileName).c_str(),
                              O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (framesFd < 0) return core::ioError(dir / kFramesFileName, "cannot create");
  const int indexFd =
      ::open((dir / kIndexFileName).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC,
             S_IRUSR | S_IWUSR);
  if (indexFd < 0) {
    const core::Status failed = core::ioError(dir / kIndexFileName, "cannot create");
    ::close(framesFd);
    return failed;
  }
  return std::unique_ptr<CineWriter>(new CineWriter(dir, framesFd, indexFd));
}

core::Status CineWriter::write(uint64_t id, int64_t deviceNs, int64_t arrivalNs,
                               const core::FrameFormat& format, const uint8_t* pixels) {
  const size_t bytes = format.byteCount();
  // The pixels first, then the line that makes them part of the run.
  if (!core::writeAll(framesFd_, pixels, bytes)) {
    const core::Status failed = core::ioError(dir_ / kFramesFileName, "cannot write");
    (void)::ftruncate(framesFd_, static_cast<off_t>(offset_));
    (void)::lseek(framesFd_, static_cast<off_t>(offset_), SEEK_SET);
    return failed;
  }
  nlohmann::json entry{{"id", id},          {"deviceNs", deviceNs}, {"arrivalNs", arrivalNs},
                       {"offset", offset_}, {"bytes", bytes},       {"format", formatJson(format)}};
  if (frames_ > 0 && deviceNs <= lastDeviceNs_) {
    entry["sourceNs"] = deviceNs;
    deviceNs = lastDeviceNs_ + std::max<int64_t>(1'000'000, arrivalNs - lastArrivalNs_);
    entry["deviceNs"] = deviceNs;
  }
  const std::string line = entry.dump() + "\n";
  if (!core::writeAll(indexFd_, line.data(), line.size())) {
    const core::Status failed = core::ioError(dir_ / kIndexFileName, "cannot write");
    (void)::ftruncate(framesFd_, static_cast<off_t>(offset_));
    (void)::lseek(framesFd_, static_cast<off_t>(offset_), SEEK_SET);
    return failed;
  }
  offset_ += bytes;
  ++frames_;
  lastDeviceNs_ = deviceNs;
  lastArrivalNs_ = arrivalNs;
  return core::Status::ok();
}

core::Status CineWriter::writeGap(uint64_t id, const std::string& reason) {
  const std::string line = nlohmann::json{{"gap", id}, {"reason", reason}}.dump() + "\n";
  if (!core::writeAll(indexFd_, line.data(), line.size())) {
    return core::ioError(dir_ / kIndexFileName, "cannot write");
  }
  return core::Status::ok();
}

core::Status CineWriter::sync() {
  if (::fdatasync(framesFd_) != 0) return core::ioError(dir_ / kFramesFileName, "cannot flush");
  if (::fdatasync(indexFd_) != 0) return core::ioError(dir_ / kIndexFileName, "cannot flush");
  return core::Status::ok();
}

core::Result<std::unique_ptr<CineRun>> CineRun::open(const fs::path& dir) {
  std::ifstream index(dir / kIndexFileName);
  if (!index)
    return core::Status::error(core::StatusCode::NotFound, "no recorded run in " + dir.string());
  std::error_code ec;
  const uintmax_t pixelBytes = fs::file_size(dir / kFramesFileName, ec);
  if (ec)
    return core::Status::error(core::StatusCode::NotFound,
                               "no " + std::string(kFramesFileName) + " in " + dir.string());
  auto run = std::unique_ptr<CineRun>(new CineRun());
  run->dir_ = dir;
  std::string line;
  size_t lineNumber = 0;
  std::vector<std::string> lines;
  while (std::getline(index, line)) lines.push_back(line);
  for (const std::string& l : lines) {
    ++lineNumber;
    const bool last = lineNumber == lines.size();
    const nlohmann::json j = nlohmann::json::parse(l, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      if (last) {
        run->recovered_ =
            "the last index line was cut short (a crash while recording): that frame is left out";
        break;
      }
      return core::Status::error(
          core::StatusCode::Corrupt,
          (dir / kIndexFileName).string() + ": line " + std::to_string(lineNumber) + " is damaged");
    }
    if (j.contains("gap")) {
      run->gaps_.push_back({j["gap"].get<uint64_t>(), j.value("reason", "")});
      continue;
    }
    CineFrame f;
    f.id = j.value("id", uint64_t{0});
    f.deviceNs = j.value("deviceNs", int64_t{0});
    f.arrivalNs = j.value("arrivalNs", int64_t{0});
    f.offset = j.value("offset", uint64_t{0});
    if (!formatFromJson(j.value("format", nlohmann::json()), &f.format) ||
        j.value("bytes", uint64_t{0}) != f.format.byteCount()) {
      return core::Status::error(core::StatusCode::Corrupt,
                                 (dir / kIndexFileName).string() + ": line " +
                                     std::to_string(lineNumber) + " has no valid format");
    }
    if (f.offset + f.format.byteCount() > pixelBytes) {
      run->recovered_ =
          "the pixels of the last frame are incomplete (a crash while recording): it is left out";
      break;
    }
    run->frames_.push_back(f);
  }
  return run;
}

core::Status CineRun::readPixels(size_t index, uint8_t* out) const {
  if (index >= frames_.size())
    return core::Status::error(core::StatusCode::OutOfRange, "no such frame in the run");
  const CineFrame& f = frames_[index];
  std::ifstream in(dir_ / kFramesFileName, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(f.offset));
  in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(f.format.byteCount()));
  if (!in)
    return core::Status::error(
        core::StatusCode::Unreadable,
        "cannot read frame " + std::to_string(f.id) + " of " + dir_.string());
  return core::Status::ok();
}

}  // namespace fg::record
