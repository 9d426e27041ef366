#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "procedure/Journal.hpp"

using namespace fg;
using namespace fg::procedure;
namespace fs = std::filesystem;

namespace {
fs::path freshDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("fg-journal-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}
size_t lineCount(const fs::path& file) {
  std::ifstream in(file);
  size_t n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}
}  // namespace

TEST_CASE("events appended to the journal are read back in order after reopening",
          "[procedure][journal]") {
  const fs::path dir = freshDir("reopen");
  const fs::path file = dir / "journal.jsonl";
  {
    auto opened = Journal::open(file);
    REQUIRE(opened.isOk());
    CHECK(opened.value().events.empty());
    Journal& j = *opened.value().journal;
    REQUIRE(j.append({{"type", "step"}, {"step", "review"}, {"status", "done"}}).isOk());
    REQUIRE(j.append({{"type", "note"}, {"step", "review"}, {"text", "all well"}}).isOk());
    CHECK(j.eventCount() == 2);
  }
  CHECK((fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
        fs::perms::none);
  auto again = Journal::open(file);
  REQUIRE(again.isOk());
  REQUIRE(again.value().events.size() == 2);
  CHECK(again.value().events[0]["seq"] == 1);
  CHECK(again.value().events[1]["text"] == "all well");
  CHECK_FALSE(again.value().tornTail);
  REQUIRE(again.value().journal->append({{"type", "end"}}).isOk());
  CHECK(lineCount(file) == 3);
  fs::remove_all(dir);
}

TEST_CASE("a last line torn by a crash is kept aside and reported, never dropped in silence",
          "[procedure][journal][errors]") {
  const fs::path dir = freshDir("torn");
  const fs::path file = dir / "journal.jsonl";
  {
    std::ofstream out(file);
    out << R"({"type":"step","step":"review","status":"done","seq":1})" << '\n';
    out << R"(not json at all)" << '\n';
    out << R"({"type":"note","step":"rev)";  // the crash
  }
  auto opened = Journal::open(file);
  REQUIRE(opened.isOk());
  CHECK(opened.value().events.size() == 1);
  REQUIRE(opened.value().tornTail);
  CHECK(*opened.value().tornTail == R"({"type":"note","step":"rev)");
  CHECK(opened.value().damagedLines == std::vector<size_t>{2});
  std::ifstream torn(file.string() + ".torn");
  std::string kept;
  std::getline(torn, kept);
  CHECK(kept == R"({"type":"note","step":"rev)");
  // Appending goes on from a clean line.
  REQUIRE(opened.value().journal->append({{"type", "end"}}).isOk());
  auto again = Journal::open(file);
  REQUIRE(again.isOk());
  CHECK(again.value().events.size() == 2);
  CHECK_FALSE(again.value().tornTail);
  fs::remove_all(dir);
}

TEST_CASE("a writer killed with SIGKILL in the middle of writing loses no event it finished",
          "[procedure][journal]") {
  const fs::path dir = freshDir("kill");
  const fs::path file = dir / "journal.jsonl";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child writes events as fast as it can until it is killed.
    auto opened = Journal::open(file);
    if (!opened) ::_exit(3);
    const std::string padding(300, 'x');
    for (int i = 0;; ++i)
      (void)opened.value().journal->append(
          {{"type", "note"}, {"step", "s"}, {"text", padding}, {"i", i}});
  }
  for (int i = 0; i < 400 && lineCount(file) < 100; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  auto opened = Journal::open(file);
  REQUIRE(opened.isOk());
  const auto& events = opened.value().events;
  REQUIRE(events.size() >= 100);
  CHECK(opened.value().damagedLines.empty());
  // Every event is there, numbered without a gap; at most the one being written is torn.
  for (size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i]["seq"] == i + 1);
    CHECK(events[i]["i"] == static_cast<int>(i));
  }
  REQUIRE(opened.value().journal->append({{"type", "end"}}).isOk());
  auto again = Journal::open(file);
  REQUIRE(again.isOk());
  CHECK(again.value().events.back()["seq"] == events.size() + 1);
  fs::remove_all(dir);
}

TEST_CASE("a journal that cannot be opened says where", "[procedure][journal][errors]") {
  auto opened = Journal::open("/nonexistent-folder/journal.jsonl");
  REQUIRE_FALSE(opened.isOk());
  CHECK_THAT(opened.status().message(), Catch::Contains("/nonexistent-folder/journal.jsonl"));
}
