// Every alarm over every dialog, drawn by the real ImGui backend offscreen: the alarm is on top in
// its fixed place beside the image, it has the keyboard (Enter acknowledges it, never the
// dialog), it cannot be acknowledged before it has been seen, and each step is journaled.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <opencv2/imgcodecs.hpp>

#include "app/AlarmBanner.hpp"
#include "app/AlarmBoard.hpp"
#include "app/AssetPaths.hpp"
#include "app/LevelPanel.hpp"
#include "app/ContrastPanel.hpp"
#include "app/MenuBar.hpp"
#include "app/ProcedurePanel.hpp"
#include "app/SideDialog.hpp"
#include "tests/app/UiHarness.hpp"

using namespace fg;
using namespace fg::app;
namespace fs = std::filesystem;

namespace {

ScreenLayout layoutFor(int width, int height, bool dialogOverAlarm) {
  ScreenLayout l;
  const float column = 420;
  l.image = {0, 20, width - column, height - 60.0f};
  l.column = {width - column, 20, column, height - 50.0f};
  l.alarms = {l.column.x, l.column.y, l.column.width, 0};
  // The dialogs open where the alarm stands, as if the user had dragged one there.
  l.dialogs = dialogOverAlarm ? l.column : ScreenRect{l.column.x, l.column.y + 250, column, l.column.height - 250};
  return l;
}

// Pixels of the banner's red background inside `r`.
double bannerShare(const cv::Mat& shot, const ScreenRect& r) {
  int n = 0, all = 0;
  for (int y = static_cast<int>(r.y) + 4; y < static_cast<int>(r.y + r.height) - 4; ++y)
    for (int x = static_cast<int>(r.x) + 4; x < static_cast<int>(r.x + r.width) - 4; ++x) {
      const cv::Vec3b p = shot.at<cv::Vec3b>(y, x);
      ++all;
      if (p[2] > 90 && p[2] < 130 && p[1] < 20 && p[0] < 20) ++n;  // (0.42, 0.03, 0.02)
    }
  return all > 0 ? static_cast<double>(n) / all : 0.0;
}

enum class Dialog { Naming, TimeOut, Calibration, CaseDetails, NewCase, OpenSource };
const char* nameOf(Dialog d) {
  switch (d) {
    case Dialog::Naming: return "naming";
    case Dialog::TimeOut: return "time-out";
    case Dialog::Calibration: return "calibration";
    case Dialog::CaseDetails: return "case details";
    case Dialog::NewCase: return "new case";
    case Dialog::OpenSource: return "open source";
  }
  return "";
}

}  // namespace

TEST_CASE("every alarm is drawn over every dialog, takes the keyboard and is journaled", "[app][alarms][ui]") {
  const fs::path dir = fs::temp_directory_path() / ("fg-alarm-ui-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto protocol = procedure::loadProtocol(assetDir() / "protocols" / "epidurography.json");
  REQUIRE(protocol.isOk());
  auto session = procedure::ProcedureSession::open(dir, protocol.value(), {});
  REQUIRE(session.isOk());
  test::UiHarness ui(1280, 1024);
  for (bool overlap : {false, true}) {
    for (Dialog dialog : {Dialog::Naming, Dialog::TimeOut, Dialog::Calibration, Dialog::CaseDetails,
                          Dialog::NewCase, Dialog::OpenSource}) {
      for (AlarmKind kind : {AlarmKind::Intravascular, AlarmKind::FluoroscopyTime, AlarmKind::SourceLost,
                             AlarmKind::RecordingFailed, AlarmKind::DiskLow}) {
        INFO(nameOf(dialog) << " / " << toString(kind) << (overlap ? " (dialog moved onto the alarm)" : ""));
        const ScreenLayout layout = layoutFor(ui.width(), ui.height(), overlap);
        ViewerState state;
        ProcedurePanel panel;
        MenuBar menu;
        Settings settings;
        AlarmBoard board;
        AlarmBanner banner;
        std::vector<procedure::ProcedureSession::AlertEvent> journaled;
        board.setJournal([&](const procedure::ProcedureSession::AlertEvent& e) {
          journaled.push_back(e);
          return session.value()->recordAlert(e);
        });
        bool openSourceAsked = false;
        auto frame = [&] {
          dialogs::beginUiFrame(layout, board.standing());
          if (dialog == Dialog::CaseDetails || dialog == Dialog::NewCase) {
            ImGui::SetNextWindowPos(ImVec2(layout.column.x, layout.column.y + 500));
            ImGui::Begin("Procedure");
            panel.draw(*session.value(), {}, render::RenderTarget{}, false, 0);
            ImGui::End();
            panel.drawDialogs(*session.value(), {});
          }
          if (dialog == Dialog::OpenSource && menu.draw(state, settings, {}, "").openSource) openSourceAsked = true;
          drawCalibrationPrompt(state.plan);
          drawLevelNaming(state.plan, nullptr);
          drawTimeOut(state, nullptr, {});
          banner.draw(board, layout, ui.nowS(), 77);
        };
        // Open the dialog as the user would.
        switch (dialog) {
          case Dialog::Naming:
            state.plan.setTool(PlanTool::Level);
            state.plan.click({500, 400});
            break;
          case Dialog::TimeOut: state.timeOutOpen = true; break;
          case Dialog::Calibration:
            state.plan.setTool(PlanTool::CalibrateFirst);
            state.plan.click({100, 100});
            state.plan.click({300, 100});
            break;
          case Dialog::CaseDetails:
          case Dialog::NewCase: break;
          case Dialog::OpenSource:
            ui.hold(GLFW_KEY_LEFT_CONTROL, true);
            ui.press(GLFW_KEY_O, frame);
            ui.hold(GLFW_KEY_LEFT_CONTROL, false);
            break;
        }
        ui.frame(frame);
        if (dialog == Dialog::CaseDetails) panel.openCaseDetails(*session.value());
        if (dialog == Dialog::NewCase) panel.openNewCase();
        ui.frame(frame);
        REQUIRE(dialogs::anyOpen());
        // The alarm comes while the dialog is open.
        REQUIRE(board.raise(kind, "detail of the alarm", 42));
        ui.frame(frame);
        ui.frame(frame);
        const cv::Mat shot = ui.shot();
        // FG_UI_SHOTS=DIR keeps the screenshots for a person to look at.
        if (const char* keep = std::getenv("FG_UI_SHOTS"))
          cv::imwrite((fs::path(keep) / (std::string(nameOf(dialog)) + "-" + std::string(toString(kind)) +
                                         (overlap ? "-moved" : "") + ".png"))
                          .string(),
                      shot);
        const ScreenRect drawn = banner.drawnArea();
        REQUIRE(drawn.width > 300);
        CHECK(drawn.x >= layout.column.x);  // beside the image, never over it
        CHECK(drawn.y + drawn.height <= ui.height());
        CHECK(bannerShare(shot, drawn) > 0.6);  // on top: no dialog covers it
        // The red frame round the image.
        const cv::Vec3b edge = shot.at<cv::Vec3b>(static_cast<int>(layout.image.y + layout.image.height / 2), 2);
        CHECK(edge[2] > 200);
        CHECK(edge[1] < 60);
        // Enter at once (pressed blind for the dialog): neither the alarm nor the dialog takes it.
        ui.press(GLFW_KEY_ENTER, frame);
        CHECK(board.standing());
        CHECK(dialogs::anyOpen());
        // Seen long enough: one Enter acknowledges the alarm, and only the alarm.
        ui.wait(AlarmBoard::kMinShownS + 0.1, frame);
        ui.type('D', frame);
        ui.type('r', frame);
        ui.press(GLFW_KEY_ENTER, frame);
        CHECK_FALSE(board.standing());
        ui.frame(frame);
        CHECK(dialogs::anyOpen());  // the dialog is still there, untouched
        CHECK_FALSE(state.plan.takeLevelRequest());
        CHECK_FALSE(state.plan.timeOut());
        CHECK_FALSE(panel.takeNewCaseRequest());
        CHECK_FALSE(openSourceAsked);
        REQUIRE(journaled.size() == 3);
        CHECK(journaled[0].event == "raised");
        CHECK(journaled[0].frameId == 42);
        CHECK(journaled[1].event == "shown");
        CHECK(journaled[2].event == "acknowledged");
        CHECK(journaled[2].by == "Dr");
        CHECK(journaled[2].frameId == 77);
      }
    }
  }
  fs::remove_all(dir);
}
