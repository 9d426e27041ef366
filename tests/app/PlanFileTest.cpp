#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "app/LevelBanner.hpp"
#include "app/PlanFile.hpp"
#include "record/Mp4Export.hpp"

using namespace fg;
using namespace fg::app;
namespace fs = std::filesystem;

TEST_CASE("the plan is saved with the case and read back whole", "[app][plan][levels]") {
  const fs::path dir = fs::temp_directory_path() / "fg-plan-file-test";
  fs::remove_all(dir);
  PlanState plan;
  plan.restore({cv::Point2d(520, 500), cv::Point2d(600, 700)}, 0.25,
               TimeOut{"L4-5", Side::Left, "09:30:00", 77});
  guidance::LevelState levels;
  levels.markers = {{"L4", {512, 416}}, {"L5", {512, 606}}};
  levels.counting = guidance::LevelCounting::FromTwelfthRib;
  levels.lumbarCount = 6;
  REQUIRE(writePlanFile(dir, planToJson(plan, levels, {3, true, false})).isOk());
  CHECK((fs::status(dir).permissions() & (fs::perms::group_all | fs::perms::others_all)) ==
        fs::perms::none);
  auto read = readPlanFile(dir);
  REQUIRE(read.isOk());
  const SavedPlan& p = read.value();
  CHECK(*p.plan.targetPx == cv::Point2d(520, 500));
  CHECK(*p.plan.entryPx == cv::Point2d(600, 700));
  CHECK(p.calibratedMmPerPx == 0.25);
  REQUIRE(p.levels);
  CHECK(p.levels->markers.size() == 2);
  CHECK(p.levels->markers[1].label == "L5");
  CHECK(p.levels->counting == guidance::LevelCounting::FromTwelfthRib);
  CHECK(p.levels->lumbarCount == 6);
  REQUIRE(p.timeOut);
  CHECK(p.timeOut->side == Side::Left);
  CHECK(p.timeOut->frameId == 77);
  // The screen's turn to match the C-arm's monitor is kept with the case.
  CHECK(p.orientation == render::ViewOrientation{3, true, false});
  fs::remove_all(dir);
}

TEST_CASE("a video is turned as the screen shows the picture", "[app][plan][record]") {
  cv::Mat image = (cv::Mat_<uint8_t>(2, 3) << 1, 2, 3, 4, 5, 6);
  cv::Mat turned = image.clone();
  record::applyTurn({1, false, false}, turned);  // clockwise: 3 x 2, the first column on top
  REQUIRE(turned.rows == 3);
  CHECK(turned.at<uint8_t>(0, 0) == 4);
  CHECK(turned.at<uint8_t>(0, 1) == 1);
  cv::Mat mirrored = image.clone();
  record::applyTurn({0, true, false}, mirrored);
  CHECK(mirrored.at<uint8_t>(0, 0) == 3);
  cv::Mat both = image.clone();
  record::applyTurn({0, true, true}, both);
  CHECK(both.at<uint8_t>(0, 0) == 6);
}

TEST_CASE("a damaged or wrong plan file is refused with the field named", "[app][plan][errors]") {
  const fs::path dir = fs::temp_directory_path() / "fg-plan-file-bad";
  fs::remove_all(dir);
  CHECK(readPlanFile(dir).status().code() == core::StatusCode::NotFound);
  fs::create_directories(dir);
  std::ofstream(dir / kPlanFileName) << R"({"version": 1, "targetPx": [1, 2], "lev)";
  CHECK_THAT(readPlanFile(dir).status().message(), Catch::Contains("not valid JSON"));
  auto parse = [](const char* text) {
    return planFromJson(nlohmann::json::parse(text), "plan.json").status().message();
  };
  CHECK_THAT(parse(R"({"version": 2})"), Catch::Contains("'version'"));
  CHECK_THAT(parse(R"({"version": 1, "targetPx": [1]})"), Catch::Contains("'targetPx'"));
  CHECK_THAT(
      parse(
          R"({"version": 1, "levels": {"counting": "sacrum", "markers": [{"label": "C4", "centerPx": [1, 2]}]}})"),
      Catch::Contains("'C4'"));
  CHECK_THAT(
      parse(
          R"({"version": 1, "levels": {"counting": "guess", "markers": [{"label": "L4", "centerPx": [1, 2]}]}})"),
      Catch::Contains("'levels.counting'"));
  CHECK_THAT(parse(R"({"version": 1, "timeOut": {"level": "L4-5", "side": "up"}})"),
             Catch::Contains("'timeOut.side'"));
  CHECK_THAT(parse(R"({"version": 1, "display": {"quarterTurnsClockwise": 7}})"),
             Catch::Contains("'display.quarterTurnsClockwise'"));
  CHECK_THAT(parse(R"({"version": 1, "display": {"flipHorizontal": "yes"}})"),
             Catch::Contains("'display.flipHorizontal'"));
  fs::remove_all(dir);
}

TEST_CASE("the banner gives the level and side at the target, and the time-out once confirmed",
          "[app][plan][levels]") {
  guidance::LevelState levels;
  levels.markers = {{"L4", {512, 416}}, {"L5", {512, 606}}};
  core::FrameFormat f;
  f.width = f.height = 1024;
  f.mmPerPixelX = f.mmPerPixelY = 0.3;
  f.orientation = {core::PatientDirection("L"), core::PatientDirection("F")};
  const auto suggestion = suggestLevel(levels, cv::Point2d(560, 510), nullptr, f);
  REQUIRE(suggestion);
  CHECK(suggestion->level == "L4-5");
  CHECK(suggestion->side == Side::Left);
  const auto before = levelBanner(std::nullopt, suggestion);
  REQUIRE(before);
  CHECK_FALSE(before->confirmed);
  CHECK(before->text == "L4-5 LEFT | NOT CONFIRMED (time-out: O)");
  const auto after = levelBanner(TimeOut{"L4-5", Side::Left, "09:30:00", 1}, suggestion);
  REQUIRE(after);
  CHECK(after->confirmed);
  CHECK(after->text == "L4-5 LEFT | CONFIRMED at time-out 09:30:00");
  CHECK_FALSE(levelBanner(std::nullopt, std::nullopt));
  // The needle's tip now at L3-4 while L4-5 was confirmed: said, and not shown as confirmed.
  levels.markers = {{"L3", {512, 226}}, {"L4", {512, 416}}, {"L5", {512, 606}}};
  const auto atTip = suggestLevel(levels, cv::Point2d(540, 320), nullptr, f);
  REQUIRE(atTip);
  CHECK(atTip->level == "L3-4");
  const TimeOut confirmed{"L4-5", Side::Left, "09:30:00", 1};
  CHECK(timeOutDisagreement(confirmed, atTip) == std::optional<std::string>("L3-4"));
  CHECK_FALSE(timeOutDisagreement(confirmed, suggestion));
  const auto moved = levelBanner(confirmed, suggestion, atTip);
  REQUIRE(moved);
  CHECK(moved->disagrees);
  CHECK_FALSE(moved->confirmed);
  CHECK(moved->text == "TIP AT L3-4 - time-out was L4-5: CONFIRM AGAIN (O)");
}
