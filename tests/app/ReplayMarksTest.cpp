#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "app/ReplayMarks.hpp"

using namespace fg;
using namespace fg::app;
namespace fs = std::filesystem;

namespace {
// Two runs on one timeline: run-001 holds ids 10-19, run-002 ids 50-59.
capture::ReplayTimeline twoRuns() {
  capture::ReplayTimeline t;
  t.segments = {{"run-001", 0, 10}, {"run-002", 10, 10}};
  for (uint64_t id = 10; id < 20; ++id) t.frameIds.push_back(id);
  for (uint64_t id = 50; id < 60; ++id) t.frameIds.push_back(id);
  return t;
}
fs::path freshCase(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("fg-marks-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "runs" / "run-001");
  std::ofstream(dir / "case.json") << R"({"protocol": "epidurography", "version": 1})";
  return dir;
}
}  // namespace

TEST_CASE("a step marked between runs lands on the next recorded frame", "[app][replay]") {
  const auto t = twoRuns();
  CHECK(indexOfFrameId(t, 10) == 0u);
  CHECK(indexOfFrameId(t, 15) == 5u);
  CHECK(indexOfFrameId(t, 30) == 10u);  // not recorded: the second run's first frame
  CHECK_FALSE(indexOfFrameId(t, 70).has_value());
  CHECK(indexOfFrameId(t, 12, "run-002") == 10u);
}

TEST_CASE("the replayed case's steps, time-out and notes are marked on the timeline",
          "[app][replay]") {
  const fs::path dir = freshCase("journal");
  CHECK(replayedCaseDir(dir) == dir);
  CHECK(replayedCaseDir(dir / "runs" / "run-001") == dir);
  CHECK(replayedCaseDir(fs::temp_directory_path()).empty());
  {
    std::ofstream journal(dir / "journal.jsonl");
    journal << R"({"seq":1,"type":"step","step":"needle","status":"done","frameId":55})"
            << "\n"
            << R"({"seq":2,"type":"field","step":"needle","field":"x","value":1})"
            << "\n"
            << "{damaged line\n"
            << R"({"seq":3,"type":"timeout","level":"L4-5","side":"left","frameId":12})"
            << "\n"
            << R"({"seq":4,"type":"step","step":"review","status":"skipped","frameId":99})"
            << "\n";
  }
  const auto t = twoRuns();
  REQUIRE(addReplayNote(dir, t, 17, "contrast reaches L3").isOk());
  auto marks = loadReplayMarks(dir, t);
  REQUIRE(marks.size() == 3);  // the step after the last frame is not on the timeline
  CHECK(marks[0].kind == ReplayMark::Kind::TimeOut);
  CHECK(marks[0].index == 2);
  CHECK(marks[0].label == "time-out L4-5 left");
  CHECK(marks[1].kind == ReplayMark::Kind::Step);
  CHECK(marks[1].index == 15);
  CHECK_THAT(marks[1].label, Catch::Contains("Needle") && Catch::EndsWith(": done"));
  CHECK(marks[2].kind == ReplayMark::Kind::Note);
  CHECK(marks[2].index == 17);
  CHECK(marks[2].label == "contrast reaches L3");
  // The notes file is the owner's only, like the rest of the case.
  struct stat st {};
  REQUIRE(::stat((dir / kReplayNotesFileName).c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);
  // A lone run has nowhere to keep notes, and says so.
  CHECK_THAT(addReplayNote({}, t, 1, "x").message(), Catch::Contains("case folder"));
  CHECK_FALSE(addReplayNote(dir, t, 99, "x").isOk());
  fs::remove_all(dir);
}
