#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "app/AppOptions.hpp"

using namespace fg::app;

namespace {
std::optional<int> parse(std::vector<std::string> args, AppOptions& options) {
  args.insert(args.begin(), "fluoroguide");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return parseCommandLine(static_cast<int>(argv.size()), argv.data(), options);
}
}  // namespace

TEST_CASE("the default is the window on the remembered source", "[app][cli]") {
  AppOptions o;
  CHECK_FALSE(parse({"--config-dir", "/tmp/x"}, o));
  CHECK(o.mode == RunMode::Window);
  CHECK_FALSE(o.sourceSpec);
}

TEST_CASE("headless options reach the pipeline", "[app][cli]") {
  AppOptions o;
  CHECK_FALSE(parse({"--headless", "--source", "/dev/video1", "--frames", "40", "--out", "/tmp/o", "--crop",
                     "1024x1024+128+0", "--repeats", "skip", "--fourcc", "YUYV", "--capture-size", "1280x1024"},
                    o));
  CHECK(o.mode == RunMode::Headless);
  CHECK(*o.sourceSpec == "/dev/video1");
  CHECK(o.pipeline.capture.maxImages == 40);
  CHECK(o.pipeline.source.crop.x == 128);
  CHECK(o.pipeline.source.crop.width == 1024);
  CHECK(o.pipeline.source.captureWidth == 1280);
  CHECK(o.pipeline.capture.repeats == fg::capture::RepeatPolicy::Skip);
}

TEST_CASE("unpaced reading for conversions and benchmarks", "[app][cli]") {
  AppOptions o;
  CHECK_FALSE(parse({"--headless", "--out", "o", "--source", "a.mp4", "--unpaced"}, o));
  CHECK(o.pipeline.source.pacing == fg::capture::Pacing::AsFastAsPossible);
}

TEST_CASE("bench subcommand", "[app][cli]") {
  AppOptions o;
  CHECK_FALSE(parse({"bench", "--json", "/tmp/b.json", "--sizes", "256", "512"}, o));
  CHECK(o.mode == RunMode::Bench);
  CHECK(o.benchSizes == std::vector<int>{256, 512});
}

TEST_CASE("bad options stop with a non-zero code", "[app][cli][errors]") {
  AppOptions o;
  CHECK(parse({"--headless"}, o).value_or(0) != 0);  // no --out
  CHECK(parse({"--crop", "big"}, o).value_or(0) != 0);
  CHECK(parse({"--fourcc", "YUV"}, o).value_or(0) != 0);
  CHECK(parse({"--frames", "-3"}, o).value_or(0) != 0);
  CHECK(parse({"--repeats", "sometimes"}, o).value_or(0) != 0);
}
