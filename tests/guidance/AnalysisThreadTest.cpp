#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "Synthetic.hpp"
#include "core/FrameHub.hpp"
#include "core/FramePool.hpp"
#include "guidance/AnalysisThread.hpp"
#include "guidance/FrameAnalysis.hpp"
#include <opencv2/imgproc.hpp>

using namespace fg;
using namespace fg::guidance;
using namespace std::chrono_literals;

namespace {
core::FrameRef frameOf(core::FramePool& pool, const cv::Mat& image, uint64_t id, double mmPerPx = 0.3) {
  auto writer = pool.acquire();
  core::FrameFormat f;
  f.width = image.cols;
  f.height = image.rows;
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = mmPerPx;
  writer.setFormat(f);
  cv::Mat target(image.rows, image.cols, CV_16UC1, writer.bytes().data());
  image.convertTo(target, CV_16U);
  writer.stamp(id, static_cast<int64_t>(id) * 100'000'000, static_cast<int64_t>(id) * 100'000'000);
  return std::move(writer).publish();
}
}  // namespace

TEST_CASE("the analysis thread tags every result with its frame and stops promptly",
          "[guidance][thread]") {
  core::FramePool pool(16, 256 * 256 * 2);
  core::FrameHub hub(4);
  std::mutex mutex;
  std::vector<uint64_t> ids;
  AnalysisThread analysis(hub, {}, [&](const AnalysisResult& r) {
    std::lock_guard lock(mutex);
    ids.push_back(r.contrast.frameId);
  });
  analysis.start();
  const cv::Mat anatomy = test::anatomy(256, 2);
  for (uint64_t id = 1; id <= 12; ++id) {
    hub.publish(frameOf(pool, test::withNoise(anatomy, 6, static_cast<unsigned>(id)), id));
    std::this_thread::sleep_for(20ms);
  }
  for (int i = 0; i < 500 && analysis.framesAnalysed() + analysis.framesSkipped() < 12; ++i) {
    std::this_thread::sleep_for(5ms);
  }
  const auto t0 = std::chrono::steady_clock::now();
  analysis.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  std::lock_guard lock(mutex);
  REQUIRE_FALSE(ids.empty());
  for (size_t i = 1; i < ids.size(); ++i) CHECK(ids[i] > ids[i - 1]);
  CHECK(ids.back() == 12);
  CHECK(analysis.framesAnalysed() + analysis.framesSkipped() == 12);
  const auto newest = analysis.results().takeNewerThan(0);
  REQUIRE(newest);
  CHECK(newest->value->contrast.frameId == 12);
  CHECK(newest->value->contrast.status.isOk());
  CHECK(newest->value->needleMs >= 0);  // the needle detector ran on the same frame
}

TEST_CASE("level labels asked of the analysis thread are followed and reported with the frame",
          "[guidance][thread][levels]") {
  core::FramePool pool(16, 256 * 256 * 2);
  core::FrameHub hub(4);
  std::mutex mutex;
  std::vector<LevelState> seen;
  AnalysisThread analysis(hub, {}, [&](const AnalysisResult& r) {
    std::lock_guard lock(mutex);
    seen.push_back(r.levels);
  });
  analysis.start();
  const cv::Mat anatomy = test::anatomy(256, 4);
  LevelRequest request;
  request.kind = LevelRequest::Kind::Markers;
  request.markers = {{"L3", {128, 70}}, {"L4", {128, 128}}, {"L5", {128, 186}}};
  request.counting = LevelCounting::FromSacrum;
  analysis.requestLevels(request);
  auto publishAll = [&](uint64_t first, uint64_t last) {
    for (uint64_t id = first; id <= last; ++id) {
      hub.publish(frameOf(pool, test::withNoise(anatomy, 6, static_cast<unsigned>(id)), id));
      std::this_thread::sleep_for(20ms);
    }
    for (int i = 0; i < 500 && analysis.framesAnalysed() + analysis.framesSkipped() < last; ++i)
      std::this_thread::sleep_for(5ms);
  };
  publishAll(1, 6);
  LevelRequest bad;
  bad.kind = LevelRequest::Kind::FromOneVertebra;
  bad.vertebraPx = {128, 128};
  bad.label = "C5";
  bad.counting = LevelCounting::FromSacrum;
  analysis.requestLevels(bad);
  publishAll(7, 9);
  analysis.stop();
  std::lock_guard lock(mutex);
  REQUIRE(seen.size() >= 4);
  // Labelled on the first frame, then followed: the still image keeps the markers in place.
  const LevelState& followed = seen[seen.size() > 6 ? 5 : 2];
  REQUIRE(followed.markers.size() == 3);
  CHECK(followed.counting == LevelCounting::FromSacrum);
  CHECK(followed.markers[1].label == "L4");
  CHECK(cv::norm(followed.markers[1].centerPx - cv::Point2d(128, 128)) < 1.0);
  // An impossible label is refused with the reason, and the markers are kept.
  CHECK_THAT(seen.back().problem, Catch::Contains("'C5'"));
  CHECK(seen.back().markers.size() == 3);
}

TEST_CASE("a loop or a seek starts the analysis afresh: no mask, spread or pattern carries over",
          "[guidance][thread][timeline]") {
  core::FramePool pool(4, 512 * 512 * 2);
  FrameAnalysis analysis(AnalyzerSettings{});
  // Soft anatomy without a needle (no thin dark line a detector could take for one): contrast
  // must then prove itself by holding frame after frame.
  cv::Mat anatomy = test::anatomy(512, 3);
  cv::GaussianBlur(anatomy, anatomy, cv::Size(0, 0), 6.0);
  // Contrast as an injection brings it: a pool that grows frame by frame (`contrast` frames in).
  auto frame = [&](uint64_t id, int64_t timeNs, uint32_t epoch, int contrast) {
    cv::Mat image = test::withNoise(anatomy, 5, static_cast<unsigned>(id));
    if (contrast > 0) {
      cv::ellipse(image, {256, 256}, {6 + 2 * contrast, 12 + 4 * contrast}, 0, 0, 360, cv::Scalar(1700), cv::FILLED);
    }
    auto writer = pool.acquire();
    core::FrameFormat f;
    f.width = f.height = 512;
    f.pixelFormat = core::PixelFormat::Gray16;
    f.bitsStored = 12;
    f.mmPerPixelX = f.mmPerPixelY = 0.3;
    writer.setFormat(f);
    cv::Mat target(512, 512, CV_16UC1, writer.bytes().data());
    image.convertTo(target, CV_16U);
    writer.stamp(id, timeNs, timeNs, epoch);
    return std::move(writer).publish();
  };
  std::shared_ptr<AnalysisResult> last;
  uint64_t id = 1;
  for (int i = 0; i < 12; ++i, ++id) last = analysis.analyse(*frame(id, i * int64_t{133'000'000}, 0, 0), nullptr);
  for (int i = 12; i < 30; ++i, ++id) last = analysis.analyse(*frame(id, i * int64_t{133'000'000}, 0, i - 11), nullptr);
  REQUIRE(last->contrast.maskState == MaskState::Frozen);
  REQUIRE(last->contrast.total.present);
  // The file loops: its clock starts again, on a frame without contrast.
  last = analysis.analyse(*frame(id++, 0, 1, 0), nullptr);
  CHECK(last->contrast.timelineEpoch == 1);
  CHECK(last->contrast.maskState == MaskState::Collecting);
  CHECK_FALSE(last->contrast.total.present);
  CHECK(last->contrast.pattern.pattern != Pattern::Intravascular);
  CHECK(last->contrast.maskAgeS >= 0);
}

TEST_CASE("level markers placed on one format are taken off, and said so, when the format changes",
          "[guidance][levels]") {
  core::FramePool pool(4, 256 * 256 * 2);
  const cv::Mat anatomy = test::anatomy(256, 4);
  FrameAnalysis analysis{AnalyzerSettings{}};
  std::optional<LevelRequest> request = LevelRequest{};
  request->kind = LevelRequest::Kind::Markers;
  request->markers = {{"L3", {128, 70}}, {"L4", {128, 128}}, {"L5", {128, 186}}};
  request->counting = LevelCounting::FromSacrum;
  auto placed = analysis.analyse(*frameOf(pool, test::withNoise(anatomy, 6, 1), 1), &request);
  placed = analysis.analyse(*frameOf(pool, test::withNoise(anatomy, 6, 2), 2), nullptr);
  REQUIRE(placed->levels.markers.size() == 3);
  // A zoom: the same size, another spacing (and here another binning, 2 -> 3).
  auto zoomed = analysis.analyse(*frameOf(pool, test::withNoise(anatomy, 6, 3), 3, 0.184), nullptr);
  zoomed = analysis.analyse(*frameOf(pool, test::withNoise(anatomy, 6, 4), 4, 0.184), nullptr);
  CHECK(zoomed->levels.markers.empty());
  CHECK(zoomed->levels.revision > placed->levels.revision);
  CHECK_THAT(zoomed->levels.problem, Catch::Contains("spacing") && Catch::Contains("name the levels again"));
}
