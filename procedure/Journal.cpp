#include "procedure/Journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/PosixFile.hpp"

namespace fg::procedure {
namespace fs = std::filesystem;

core::Result<Journal::Opened> Journal::open(const fs::path& path) {
  Opened out;
  std::string content;
  {
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      content = text.str();
    }
  }
  // Every complete line is an event; a last line without its newline was cut short by a crash.
  size_t complete = 0, lineNumber = 0;
  for (size_t start = 0; start < content.size();) {
    const size_t end = content.find('\n', start);
    if (end == std::string::npos) {
      out.tornTail = content.substr(start);
      break;
    }
    ++lineNumber;
    const std::string line = content.substr(start, end - start);
    nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_discarded() || !event.is_object()) {
      out.damagedLines.push_back(lineNumber);
    } else {
      out.events.push_back(std::move(event));
    }
    start = end + 1;
    complete = start;
  }
  if (out.tornTail) {
    // Keep what the crash left, then cut the journal back to its last complete line.
    const fs::path torn = path.string() + ".torn";
    std::ofstream keep(torn, std::ios::binary | std::ios::app);
    keep << *out.tornTail << '\n';
    keep.close();
    if (!keep) return core::ioError(torn, "cannot keep the torn end of the journal in");
    if (::truncate(path.c_str(), static_cast<off_t>(complete)) != 0)
      return core::ioError(path, "cannot repair");
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) return core::ioError(path, "cannot open the journal");
  out.journal.reset(new Journal(path, fd, out.events.size()));
  return out;
}

Journal::~Journal() {
  if (fd_ >= 0) ::close(fd_);
}

core::Status Journal::append(nlohmann::json event) {
  event["seq"] = count_ + 1;
  const std::string line = event.dump() + "\n";
  // One write of the whole line, then to the disk: a crash leaves at most this line torn. A write
  // that fails part-way (a full disk) is taken back, so the next event starts on a clean line.
  const off_t before = ::lseek(fd_, 0, SEEK_END);
  if (!core::writeAll(fd_, line.data(), line.size())) {
    const core::Status failed = core::ioError(path_, "cannot write the journal");
    if (before >= 0) (void)::ftruncate(fd_, before);
    return failed;
  }
  if (::fdatasync(fd_) != 0) return core::ioError(path_, "cannot flush the journal to the disk");
  ++count_;
  return core::Status::ok();
}

}  // namespace fg::procedure
