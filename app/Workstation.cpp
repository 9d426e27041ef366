// The one file that owns GLFW and the Dear ImGui backends (DESIGN.md convention 6). It wires the
// live pipeline to the panels and runs the main loop: wait briefly for a new frame, upload it,
// build the UI, draw, swap, and record when the frame reached the screen.
#include "app/Workstation.hpp"

#include <epoxy/gl.h>
// GLFW after epoxy: epoxy provides the GL declarations.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>  // the windows, for the screenshot's layout report
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <signal.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <memory>

#include "app/AlarmBanner.hpp"
#include "app/AlarmBoard.hpp"
#include "app/AlarmSound.hpp"
#include "app/AssetPaths.hpp"
#include "app/ContrastPanel.hpp"
#include "app/ContrastSession.hpp"
#include "app/ImageViewPanel.hpp"
#include "app/KeyTaps.hpp"
#include "app/LevelBanner.hpp"
#include "app/ContrastLayers.hpp"
#include "app/LevelPanel.hpp"
#include "app/LiveDisplay.hpp"
#include "app/MenuBar.hpp"
#include "app/OutputFiles.hpp"
#include "app/Plan3D.hpp"
#include "app/PlanFile.hpp"
#include "app/ProcedurePanel.hpp"
#include "app/RecordingSession.hpp"
#include "app/ReplayPanel.hpp"
#include "app/ScreenLayout.hpp"
#include "app/SideDialog.hpp"
#include "app/Settings.hpp"
#include "app/StatusBar.hpp"
#include "capture/OpenSource.hpp"
#include "guidance/GuidanceImage.hpp"
#include "record/RunExport.hpp"
#include "render/EglOffscreen.hpp"

namespace fg::app {
namespace {

// Between frames the loop sleeps on the display slot so a new image is drawn the moment it
// arrives, but never so long that input feels slow.
constexpr int64_t kIdleWaitNs = 8'000'000;
constexpr int kScreenshotFallbackUiFrames = 60;
constexpr int64_t kScreenshotDeadlineNs = 60'000'000'000;

void applyReadingRoomStyle() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 2;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.05f, 0.05f, 0.06f, 1.0f);
  style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.08f, 0.08f, 0.09f, 1.0f);
  style.Colors[ImGuiCol_Text] =
      ImVec4(0.82f, 0.82f, 0.80f, 1.0f);  // not pure white: dark-adapted eyes
}

constexpr float kGuidanceShare = 0.58f;  // of the right column, above the procedure
constexpr float kMinPanelWidth = 300.0f;  // the side column can be dragged no narrower
constexpr uint64_t kDiskLowBytes = 2ull << 30;  // about a minute of 1024x1024 16-bit at 15 images/s

// SIGTERM or SIGINT (a system shutdown, Ctrl+C in the terminal) closes the window as its close
// button does: the recording stops and is exported, the report and settings are written.
ImFont* gNormalFont = nullptr;
ImFont* gLargeFont = nullptr;

volatile std::sig_atomic_t gStopSignal = 0;
extern "C" void onStopSignal(int) { gStopSignal = 1; }
bool stopSignalled() { return gStopSignal != 0; }
void installStopSignals() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

class Shell {
 public:
  Shell(const AppOptions& options, GLFWwindow* window) : options_(options), window_(window) {}

  core::Status init() {
    auto loaded = loadSettings(options_.configDir);
    settings_ = loaded.settings;
    if (!loaded.status) spdlog::warn("{}", loaded.status.message());
    state_.display.gamma = settings_.gamma;
    state_.display.polarity =
        settings_.inverted ? render::Polarity::Inverted : render::Polarity::Normal;
    state_.fullscreen = settings_.window.fullscreen;
    state_.noiseFilterStrength = static_cast<float>(settings_.noiseFilter);
    panelWidth_ = static_cast<float>(settings_.panelWidth);
    if (options_.largeType) settings_.largeType = true;
    alarms_.setWallClock([] { return procedure::localWallTime(); });
    openCase(options_.caseDir);
    // An existing case is said, with its patient, before any image is shown.
    reopenPending_ = std::filesystem::exists(caseDir_ / "case.json");
    if (reopenPending_) spdlog::info("reopening an existing case: its patient is confirmed before images are shown");
    if (options_.targetPx) {  // the command line's target over the saved one
      state_.plan.setTool(PlanTool::Target);
      state_.plan.click({options_.targetPx->first, options_.targetPx->second});
    }
    openProcedure();
    if (options_.level) state_.plan.requestLevels(levelStartRequest(*options_.level));
    auto renderer = render::ImageRenderer::create(
        render::buildGlyphAtlas(render::kOverlayFontPx, render::defaultFontPath()));
    if (!renderer) return renderer.status();
    renderer_ = std::move(renderer.value());
    openSource(options_.sourceSpec.value_or(startupSource(settings_.source)));
    return core::Status::ok();
  }

  int run() {
    int uiFrames = 0;
    while (!glfwWindowShouldClose(window_) && !quit_ && !stopSignalled()) {
      releaseHeldTaps(window_);
      if (pipeline_) {
        glfwPollEvents();
        fresh_ = display_.waitAndPoll(pipeline_->hub().display, kIdleWaitNs);
      } else {
        // No source: nothing arrives on its own, so sleep until the user does something.
        glfwWaitEventsTimeout(0.1);
        fresh_ = false;
      }
      if (fresh_ && options_.plan3d && plan3D_ && !plan3DPlaced_) placePlan3D();
      // A replay's images are not this procedure's: no fluoroscopy time, no alarm from them.
      if (fresh_ && procedure_ && !replay_.active() && !reopenPending_) {
        if (auto status = procedure_->onImage(display_.frame()->arrivalNs(), procedure::localWallTime()); !status)
          spdlog::error("procedure: {}", status.message());
      }
      if (fresh_) {
        const core::Frame& frame = *display_.frame();
        render::TemporalFilterSettings filter;
        filter.strength = state_.noiseFilterStrength;
        if (filter.strength > 0) filter.noiseSigmaRaw = guidance::estimateNoiseSigma(frame);
        renderer_->upload(frame, filter);
      }
      if (forgetShownAtNextFrame_) {
        forgetShownAtNextFrame_ = false;
        const uint64_t last = display_.frame() ? display_.frame()->id() : 0;
        display_.dropShown();
        if (contrast_) contrast_->forgetUpTo(std::max(last, pipeline_ ? pipeline_->hub().history.newestId() : 0));
        contrastPanel_ = {};
      }
      if (contrast_ && contrast_->poll() && contrast_->latest())
        contrastPanel_.addResult(contrast_->latest()->contrast);
      const int64_t now = clock_.nowNs();
      StatusSnapshot status = tracker_.take(pipeline_.get(), display_, now);
      if (replay_.active()) {
        // A case or a recorded run is a replay; a DICOM cine or a video file is played back.
        std::error_code ec;
        status.stream.mode = std::filesystem::is_directory(sourceSpec_, ec) ? render::StreamMode::Replay
                                                                            : render::StreamMode::Playback;
        status.stream.paused = replay_.paused();
      }
      // What the screen says the picture is, in the log each time it changes (no patient data).
      if (const std::string said = streamStateLabel(status); said != saidState_) {
        if (said != "STARTING") spdlog::info("screen: {}", said);
        saidState_ = said;
      }

      if (gLargeFont != nullptr) ImGui::GetIO().FontDefault = settings_.largeType ? gLargeFont : gNormalFont;
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      drawUi(status);
      ImGui::Render();
      int fbW = 0, fbH = 0;
      glfwGetFramebufferSize(window_, &fbW, &fbH);
      glBindFramebuffer(GL_FRAMEBUFFER, 0);
      glViewport(0, 0, fbW, fbH);
      glClearColor(0, 0, 0, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      ++uiFrames;
      if (screenshotDue(uiFrames, status)) {
        saveScreenshot(fbW, fbH);
        quit_ = true;
      }
      glfwSwapBuffers(window_);
      display_.markPresented();
      applyFullscreen();
    }
    if (stopSignalled()) spdlog::info("window: asked to stop (signal); closing the case cleanly");
    shutdown();
    return exitCode_;
  }

 private:
  // Opens `spec`; the source on screen goes on when it cannot be opened (the reason is said).
  void openSource(const std::string& spec) {
    PipelineOptions po = options_.pipeline;
    po.sourceSpec = resolveSourceSpec(spec);
    po.source.interactive = true;  // a replay is played, paused and scrubbed by the user
    // Files and simulated cases play again from the start unless the command line said otherwise.
    if (!options_.sourceSpec && spec != capture::kTestPatternSpec)
      po.capture.atEnd = capture::EndPolicy::Loop;
    auto opened = LivePipeline::open(po, clock_);
    if (!opened) {
      sourceError_ = opened.status().message();
      spdlog::error("cannot open source: {}", sourceError_);
      return;
    }
    sourceError_.clear();
    stopRecording();    // a run holds one source's frames
    recording_.reset();
    contrast_.reset();  // its analysis thread reads the old pipeline's hub
    contrastPanel_ = {};
    if (pipeline_) pipeline_->stop();
    pipeline_.reset();
    display_.reset();
    state_.windowLevelSet = false;
    pipeline_ = std::move(opened.value());
    if (auto control = pipeline_->capture().playback()) {
      // A replay: its runs on the timeline, its case's plan and level labels shown again.
      replay_.attach(std::move(control), po.sourceSpec);
      loadReplayedCase();
      showPlanOf(replay_.caseDir().empty() ? std::filesystem::path(po.sourceSpec)
                                           : replay_.caseDir());
    } else if (replay_.active()) {
      replay_.detach();
      replayedCase_.reset();
      showPlanOf(caseDir_);  // back to the working case's plan
    }
    contrast_ = std::make_unique<ContrastSession>(pipeline_->hub());
    recording_ = std::make_unique<RecordingSession>(pipeline_->hub());
    recording_->overlayVideo = options_.overlayVideo;
    sourceSpec_ = resolveSourceSpec(spec);
    plan3D_ = Plan3D::forSource(spec);
    pipeline_->start();
    // A replay or a file is never the source the next start opens: that would show another
    // patient's images under a new case.
    if (!replay_.active()) {
      settings_.source = spec;
      saveSettingsReported();
    }
  }

  // --plan3d: the case's own needle target and skin entry (the first two 3D plan points).
  void placePlan3D() {
    plan3DPlaced_ = true;
    const auto& points = plan3D_->points();
    const auto target = plan3D_->project(points[0].mm, *display_.frame());
    const auto entry = plan3D_->project(points[1].mm, *display_.frame());
    if (!target || !entry) {
      spdlog::error("3D plan: {}", !target ? target.status().message() : entry.status().message());
      return;
    }
    state_.plan.setTool(PlanTool::Target);
    state_.plan.click(target.value());
    state_.plan.setTool(PlanTool::Entry);
    state_.plan.click(entry.value());
    spdlog::info("3D plan placed: target and entry projected through the C-arm");
  }

  // The procedure recorded in the case folder (reopened as it was after a crash).
  void openProcedure() {
    const std::filesystem::path file = assetDir() / "protocols" / (options_.protocol + ".json");
    auto protocol = procedure::loadProtocol(file);
    if (!protocol) {
      procedureError_ = protocol.status().message();
      spdlog::error("procedure: {}", procedureError_);
      return;
    }
    procedure::CaseInfo info;
    info.createdAt = procedure::localWallTime();
    auto session = procedure::ProcedureSession::open(caseDir_, std::move(protocol.value()), info);
    if (!session) {
      procedureError_ = session.status().message();
      spdlog::error("procedure: {}", procedureError_);
      return;
    }
    procedure_ = std::move(session.value());
    bindAlarmJournal();
    if (!procedure_->recovered().empty()) spdlog::warn("procedure: {}", procedure_->recovered());
  }

  // A new procedure: a new case folder, an empty plan and levels, the fluoroscopy time at zero.
  void startNewCase() {
    stopRecording();  // a run belongs to its case
    if (auto status = procedure_->writeReport(); !status) spdlog::error("procedure: {}", status.message());
    procedure_.reset();
    bindAlarmJournal();
    state_.plan = PlanState{};
    guidance::LevelRequest clear;
    clear.kind = guidance::LevelRequest::Kind::Clear;
    if (contrast_) contrast_->requestLevels(clear);
    savedKey_ = {0, 0, 0, false, false};
    journaledTimeOut_.clear();
    openCase({});
    openProcedure();
    // The last image and its analysis were the previous patient's: neither stays on screen. Let
    // go between UI frames (this frame's drawing still holds them).
    forgetShownAtNextFrame_ = true;
    spdlog::info("a new case was started");
  }

  // How the recorded frames came to be, for the DICOM export.
  std::string conversionType() const {
    const core::FrameRef& f = display_.frame();
    return record::conversionTypeFor(capture::isScenarioSpec(sourceSpec_),
                                     f ? f->format().pixelFormat : core::PixelFormat::Gray16);
  }

  void startRecording() {
    if (!recording_ || recording_->recording()) return;
    if (pipeline_ && pipeline_->capture().finished()) {
      state_.notice = "not recording: the source has ended, no image is arriving";
      state_.noticeAtS = ImGui::GetTime();
      return;
    }
    if (auto status = recording_->start(caseDir_); !status) {
      recordingError_ = status.message();
      spdlog::error("recording: {}", recordingError_);
    } else {
      recordingError_.clear();
      if (procedure_) (void)procedure_->addNote(procedure_->record().currentStep() < procedure_->record().steps().size()
                                                    ? procedure_->record().currentStep()
                                                    : procedure_->record().steps().size() - 1,
                                                "recording " + recording_->runDir().filename().string() + " started");
    }
  }

  void stopRecording() {
    if (!recording_ || !recording_->recording()) return;
    recording_->stop(procedure_ ? procedure_->caseInfo() : procedure::CaseInfo{}, conversionType());
  }

  // F9 or the button start and stop a run; in the automatic mode the beam does.
  void updateRecording() {
    if (recording_ && (replay_.active() || reopenPending_) && dialogs::keysForImage() &&
        ImGui::IsKeyPressed(GLFW_KEY_F9, false)) {
      state_.notice = replay_.active() ? "not recording: a replay is never recorded into the case"
                                       : "not recording: confirm the patient of the case first";
      state_.noticeAtS = ImGui::GetTime();
    }
    if (!recording_ || replay_.active() || reopenPending_) return;
    if (!ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_F9, false)) {
      if (recording_->recording()) stopRecording();
      else startRecording();
    }
    if (recording_->automatic) {
      if (beamOn() && !recording_->recording()) startRecording();
      if (!beamOn() && recording_->recording()) stopRecording();
    }
  }

  void recordingSection() {
    if (!recording_) return;
    ImGui::Separator();
    if (replay_.active()) {
      ImGui::TextDisabled("Recording is off while a case is replayed.");
      return;
    }
    const record::RecorderStats st = recording_->stats();
    if (recording_->recording()) {
      ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1), "REC %s  %llu frames", recording_->runDir().filename().c_str(),
                         static_cast<unsigned long long>(st.framesRecorded));
      if (st.backlogFrames > 2) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.1f, 1), "disk behind: %llu frames (%.0f MiB)",
                           static_cast<unsigned long long>(st.backlogFrames), st.backlogBytes / 1048576.0);
      }
      if (!st.error.empty()) ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1), "%s", st.error.c_str());
      if (ImGui::Button("Stop recording (F9)")) stopRecording();
    } else if (ImGui::Button("Record (F9)")) {
      startRecording();
    }
    ImGui::Checkbox("record while the beam is on", &recording_->automatic);
    ImGui::Checkbox("also a video with the overlays drawn in", &recording_->overlayVideo);
    if (!recordingError_.empty()) ImGui::TextColored(ImVec4(1.0f, 0.3f, 0.25f, 1), "%s", recordingError_.c_str());
    const std::string exported = recording_->exportStatus();
    if (!exported.empty()) ImGui::TextWrapped("%s", exported.c_str());
  }

  bool beamOn() const { return procedure_ && procedure_->timer().beamOn(clock_.nowNs()); }

  // The time-out confirmed in the image goes into the procedure's journal too.
  void journalTimeOut() {
    const auto& t = state_.plan.timeOut();
    if (!t) return;
    const std::string key = t->confirmedAt + "/" + std::to_string(t->frameId);
    if (key == journaledTimeOut_) return;
    journaledTimeOut_ = key;
    if (auto status = procedure_->recordTimeOut(t->level, toString(t->side), t->confirmedAt, t->frameId); !status)
      spdlog::error("procedure: {}", status.message());
  }

  // The plan saved in the case folder, when this case was open before.
  // `dir`: the case folder asked for (empty: a new one under the user's data folder).
  void openCase(const std::filesystem::path& dir) {
    caseDir_ = dir.empty() ? defaultCaseDir() : dir;
    showPlanOf(caseDir_);
  }

  // The plan and level labels saved in `dir` on screen (the working case's, or a replayed one's).
  void showPlanOf(const std::filesystem::path& dir) {
    state_.plan.restore({}, 0, std::nullopt);
    state_.view.orientation = {};
    planError_.clear();
    planSaveBlocked_ = false;
    auto saved = readPlanFile(dir);
    if (!saved) {
      if (saved.status().code() != core::StatusCode::NotFound) {
        planError_ = saved.status().message() + " - the plan starts empty and is not saved over it";
        spdlog::error("{}", planError_);
        planSaveBlocked_ = true;
      }
      return;
    }
    const SavedPlan& p = saved.value();
    state_.plan.restore(p.plan, p.calibratedMmPerPx, p.timeOut);
    state_.view.orientation = p.orientation;
    if (p.levels) state_.plan.requestLevels(*p.levels);
    spdlog::info("plan read back from {}", dir == caseDir_ ? "the case folder" : "the replayed case");
  }

  // Writes plan.json whenever the plan or the level labels changed (never in a loop per frame).
  void savePlanIfChanged(const guidance::AnalysisResult* analysis) {
    const guidance::LevelState noLevels;
    const guidance::LevelState& levels = analysis != nullptr ? analysis->levels : noLevels;
    const std::tuple key{state_.plan.revision(), levels.revision, state_.view.orientation.quarterTurns,
                         state_.view.orientation.flipHorizontal, state_.view.orientation.flipVertical};
    // A replayed case's plan is shown, not saved (neither into it nor into the working case).
    if (key == savedKey_ || planSaveBlocked_ || replay_.active()) return;
    savedKey_ = key;
    const bool empty = !state_.plan.plan().targetPx && !state_.plan.plan().entryPx &&
                       levels.markers.empty() && !state_.plan.timeOut() &&
                       state_.plan.calibratedMmPerPx() == 0 && state_.view.orientation == render::ViewOrientation{};
    if (empty && !std::filesystem::exists(caseDir_ / kPlanFileName)) return;
    if (auto status = writePlanFile(caseDir_, planToJson(state_.plan, levels, state_.view.orientation)); !status) {
      if (planError_ != status.message()) spdlog::error("plan not saved: {}", status.message());
      planError_ = status.message();
    } else {
      planError_.clear();
    }
  }

  // A plan that cannot be read or saved is said on screen until it can: losing it silently would
  // lose the level labels of the case.
  void drawPlanError() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + 12, vp->WorkPos.y + vp->WorkSize.y - statusBarHeight() - 12),
        ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowBgAlpha(0.85f);
    ImGui::Begin("##planError", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1), "PLAN: %s", planError_.c_str());
    ImGui::End();
  }

  // The source a start opens without --source: the remembered one when it is live (a grabber, a
  // simulated case, the test pattern), else the built-in simulated case. Older settings may
  // remember a replay; it is not opened.
  static std::string startupSource(const std::string& remembered) {
    const bool live = remembered == "simulated" || remembered == capture::kTestPatternSpec ||
                      remembered.rfind("sim:", 0) == 0 || remembered.rfind("v4l2:", 0) == 0 ||
                      remembered.rfind("/dev/video", 0) == 0 ||
                      std::filesystem::path(remembered).extension() == ".json";
    if (live) return remembered;
    spdlog::info("the remembered source is a replay or a file: starting on the simulated case instead");
    return Settings{}.source;
  }

  // "Name | ID | born | accession" of `info`, for the image and the key images.
  static std::string patientLineOf(const procedure::CaseInfo& info, bool* known) {
    std::string line;
    auto add = [&](const std::string& label, const std::string& value) {
      if (value.empty()) return;
      line += (line.empty() ? "" : "  |  ") + label + value;
    };
    add("", info.patientName);
    add("ID ", info.patientId);
    add("born ", info.birthDate);
    add("acc. ", info.accession);
    *known = !line.empty();
    return line.empty() ? "NO PATIENT DETAILS (Case details)" : line;
  }

  void updatePatientLine() {
    if (replay_.active()) {
      // The replayed case's patient, never the working case's.
      std::error_code ec;
      const std::filesystem::path dir = replay_.caseDir().empty() ? std::filesystem::path(sourceSpec_) : replay_.caseDir();
      auto info = std::filesystem::is_directory(dir, ec) ? procedure::readCaseInfo(dir)
                                                         : core::Result<procedure::CaseInfo>(core::Status::error(
                                                               core::StatusCode::NotFound, "a file"));
      bool known = false;
      state_.patientLine = info ? "REPLAY OF: " + patientLineOf(info.value(), &known)
                           : std::filesystem::is_directory(dir, ec)
                               ? "REPLAY: NO PATIENT DETAILS (none recorded with this run)"
                               : "PLAYBACK: the patient is as written in the file, not checked here";
      state_.patientKnown = known;
      return;
    }
    if (procedure_) {
      state_.patientLine = patientLineOf(procedure_->caseInfo(), &state_.patientKnown);
    } else {
      state_.patientLine = "NO CASE OPEN";
      state_.patientKnown = false;
    }
  }

  // Reopening an existing case: its patient is said and confirmed before any image is shown.
  void drawReopenDialog() {
    if (!reopenPending_ || !procedure_) return;
    if (dialogs::begin("Reopening an existing case", 440)) {
      const procedure::CaseInfo& info = procedure_->caseInfo();
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted("This case folder holds a case already. Check the patient before going on:");
      ImGui::PopTextWrapPos();
      auto row = [](const char* label, const std::string& value) {
        ImGui::TextDisabled("%s", label);
        ImGui::SameLine(130);
        if (value.empty()) ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.1f, 1), "not given");
        else ImGui::TextUnformatted(value.c_str());
      };
      ImGui::SetWindowFontScale(1.2f);
      row("Patient", info.patientName);
      row("Patient ID", info.patientId);
      ImGui::SetWindowFontScale(1.0f);
      row("Date of birth", info.birthDate);
      row("Accession", info.accession);
      row("Case opened", info.createdAt);
      size_t marked = 0;
      for (const auto& step : procedure_->record().steps()) marked += step.state != procedure::StepState::Pending;
      ImGui::Text("%zu of %zu steps recorded", marked, procedure_->record().steps().size());
      const bool keys = dialogs::keysForDialog();
      if (ImGui::Button("Continue this case (Enter)", ImVec2(240, 0)) ||
          (keys && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false))) {
        reopenPending_ = false;
        spdlog::info("existing case confirmed by the user");
      }
      ImGui::SameLine();
      if (ImGui::Button("New case instead", ImVec2(160, 0))) {
        reopenPending_ = false;
        startNewCase();
      }
    }
    dialogs::end();
  }

  // "REC run-002 00:12" while recording: on the image and in the status bar.
  void updateRecordingLabel() {
    if (!recording_ || !recording_->recording()) {
      state_.recordingLabel.clear();
      recordingStartedNs_ = 0;
      return;
    }
    if (recordingStartedNs_ == 0) recordingStartedNs_ = clock_.nowNs();
    const int64_t s = (clock_.nowNs() - recordingStartedNs_) / 1'000'000'000;
    char text[96];
    std::snprintf(text, sizeof text, "REC %s %02lld:%02lld", recording_->runDir().filename().c_str(),
                  static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    state_.recordingLabel = text;
  }

  void drawRecIndicator(const ScreenRect& image) {
    if (state_.recordingLabel.empty()) return;
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const ImVec2 size = ImGui::CalcTextSize(state_.recordingLabel.c_str());
    const ImVec2 at(image.x + image.width - size.x - 40, image.y + image.height - size.y - 16);
    draw->AddRectFilled(ImVec2(at.x - 30, at.y - 6), ImVec2(at.x + size.x + 10, at.y + size.y + 6),
                        IM_COL32(0, 0, 0, 190), 4);
    // Blinks once a second, as a camera's does, so it is seen from the corner of an eye.
    const bool on = static_cast<int>(ImGui::GetTime() * 2) % 2 == 0;
    draw->AddCircleFilled(ImVec2(at.x - 15, at.y + size.y / 2), 7, on ? IM_COL32(235, 40, 30, 255) : IM_COL32(120, 20, 15, 255));
    draw->AddText(at, IM_COL32(255, 90, 80, 255), state_.recordingLabel.c_str());
  }

  // The needle's tip went to another level than the one the time-out confirmed: the time-out
  // opens again (once each time it happens), and the image's banner says so until it is redone.
  void askTimeOutAgainIfTipMoved(const guidance::AnalysisResult* analysis) {
    const core::FrameRef& shown = display_.frame();
    std::optional<std::string> disagreement;
    if (analysis != nullptr && shown && !replay_.active() &&
        overlayAgeS(analysis->contrast, *shown) <= kStaleOverlayS) {
      disagreement = timeOutDisagreement(
          state_.plan.timeOut(), suggestLevel(analysis->levels, std::nullopt, &analysis->needle, shown->format()));
    }
    if (disagreement && !tipDisagreed_) {
      spdlog::warn("time-out: the needle's tip is at {}, not at the level confirmed; asking again", *disagreement);
      state_.timeOutOpen = true;
    }
    tipDisagreed_ = disagreement.has_value();
  }

  // The replayed case's record, read-only (none for a file that is not a case).
  void loadReplayedCase() {
    replayedCase_.reset();
    const std::filesystem::path dir = replay_.caseDir();
    if (dir.empty()) return;
    auto info = procedure::readCaseInfo(dir);
    if (!info) return;
    auto protocol = procedure::loadProtocol(assetDir() / "protocols" / (info.value().protocolId + ".json"));
    if (!protocol) {
      spdlog::warn("replay: the case's protocol cannot be read: {}", protocol.status().message());
      return;
    }
    auto read = procedure::readRecordedCase(dir, protocol.value());
    if (read) replayedCase_ = std::make_unique<procedure::RecordedCase>(std::move(read.value()));
  }

  // Where the image, the side column, the alarms and the dialogs go this frame.
  ScreenLayout computeLayout(bool panels) const {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float statusH = statusBarHeight();
    const float width = vp->WorkSize.x;
    // Large type takes a wider column (its panels hold the same words).
    const float wanted = panelWidth_ * (settings_.largeType ? 1.3f : 1.0f);
    const float panelW = panels ? std::clamp(wanted, kMinPanelWidth, width * 0.5f) : 0.0f;
    const float replayH = replay_.active() ? ReplayPanel::kHeight : 0.0f;
    ScreenLayout l;
    l.image = {vp->WorkPos.x, vp->WorkPos.y, width - panelW, vp->WorkSize.y - statusH - replayH};
    l.column = {vp->WorkPos.x + width - panelW, vp->WorkPos.y, panelW, vp->WorkSize.y - statusH};
    // Without a column the alarm takes the image's bottom strip, away from the centre it is aimed at.
    l.alarms = panelW > 0 ? ScreenRect{l.column.x, l.column.y, l.column.width, 0}
                          : ScreenRect{l.image.x + 8, l.image.y + l.image.height * 0.62f, l.image.width - 16, 0};
    l.dialogs = panelW > 0 ? ScreenRect{l.column.x, l.column.y + 250, l.column.width, l.column.height - 250}
                           : l.image;
    return l;
  }

  // The side column is as wide as the user dragged its left edge (kept in the settings).
  void drawColumnSplitter(const ScreenLayout& layout) {
    if (layout.column.width <= 0) return;
    ImGui::SetNextWindowPos(ImVec2(layout.column.x - 4, layout.column.y));
    ImGui::SetNextWindowSize(ImVec2(8, layout.column.height));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowMinSize, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::Begin("##splitter", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::InvisibleButton("##edge", ImVec2(8, layout.column.height));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (ImGui::IsItemActive()) {
      panelWidth_ = std::max(kMinPanelWidth, panelWidth_ - ImGui::GetIO().MouseDelta.x);
      settings_.panelWidth = panelWidth_;
    }
    if (ImGui::IsItemDeactivated()) saveSettingsReported();
    ImGui::End();
    ImGui::PopStyleVar(2);
  }

  uint64_t shownFrameId() const { return display_.frame() ? display_.frame()->id() : 0; }

  // Every alarm's condition, checked each UI frame; each raised once until acknowledged.
  void raiseAlarms(const StatusSnapshot& status) {
    if (contrast_) {
      if (auto alert = contrast_->takeRaisedAlert()) {
        char detail[200];
        std::snprintf(detail, sizeof detail,
                      "The contrast pattern suggests intravascular uptake (confidence %.0f %%, t %.2f s). "
                      "Stop and reassess the needle position before injecting further.",
                      alert->confidence * 100, alert->timeS);
        alarms_.raise(AlarmKind::Intravascular, detail, alert->frameId);
      }
    }
    if (procedure_ && procedure_->timer().alarmStanding() && !alarms_.standing(AlarmKind::FluoroscopyTime)) {
      alarms_.raise(AlarmKind::FluoroscopyTime,
                    "Beam-on time has reached " + procedure_->timer().minutesAndTenths() +
                        " minutes (measured from the video stream).",
                    shownFrameId());
    }
    const bool lost = status.hasSource && status.stream.condition == render::StreamCondition::Lost &&
                      !replay_.active();
    if (lost && !sourceLostRaised_) {
      alarms_.raise(AlarmKind::SourceLost,
                    "No image is coming from " + status.source + ": " +
                        (status.captureError.empty() ? std::string("the source stopped") : status.captureError) +
                        ". The image on screen is old.",
                    shownFrameId());
    }
    sourceLostRaised_ = lost;
    std::string recordingProblem = recordingError_;
    if (recording_ && recording_->recording() && recordingProblem.empty()) recordingProblem = recording_->stats().error;
    if (!recordingProblem.empty() && recordingProblem != recordingAlarmFor_)
      alarms_.raise(AlarmKind::RecordingFailed, "The run is not being recorded as it should: " + recordingProblem,
                    shownFrameId());
    recordingAlarmFor_ = recordingProblem;
    checkDiskSpace();
  }

  // Every few seconds: the case folder's disk holds less than kDiskLowBytes.
  void checkDiskSpace() {
    const int64_t now = clock_.nowNs();
    if (now - diskCheckedNs_ < 5'000'000'000) return;
    diskCheckedNs_ = now;
    std::error_code ec;
    const auto space = std::filesystem::space(caseDir_.has_parent_path() ? caseDir_.parent_path() : caseDir_, ec);
    if (ec) return;
    const bool low = space.available < kDiskLowBytes;
    if (low && !diskLowRaised_) {
      char detail[200];
      std::snprintf(detail, sizeof detail,
                    "Only %.1f GiB are free on the disk of the case folder: recording stops when it is full. "
                    "Free space or change the case folder.",
                    static_cast<double>(space.available) / (1024.0 * 1024 * 1024));
      alarms_.raise(AlarmKind::DiskLow, detail, shownFrameId());
    }
    diskLowRaised_ = low;
  }

  // The journal of the open procedure takes the alarms' events.
  void bindAlarmJournal() {
    if (!procedure_) {
      alarms_.setJournal({});
      return;
    }
    alarms_.setJournal([this](const procedure::ProcedureSession::AlertEvent& e) {
      return procedure_ ? procedure_->recordAlert(e)
                        : core::Status::error(core::StatusCode::NotFound, "no procedure is open");
    });
  }

  void drawUi(const StatusSnapshot& status) {
    raiseAlarms(status);
    const bool panels = contrast_ || procedure_;
    const ScreenLayout layout = computeLayout(panels && ImGui::GetMainViewport()->WorkSize.x > 2 * kMinPanelWidth);
    dialogs::beginUiFrame(layout, alarms_.standing());
    MenuActions actions = menu_.draw(state_, settings_, display_.frame(), sourceError_);
    if (actions.quit) quit_ = true;
    if (actions.newCase && procedure_) procedurePanel_.openNewCase();
    if (actions.caseDetails && procedure_) procedurePanel_.openCaseDetails(*procedure_);
    if (actions.settingsChanged) {
      glfwSwapInterval(settings_.vsync ? 1 : 0);
      saveSettingsReported();
    }
    const guidance::AnalysisResult* analysis = contrast_ ? contrast_->latest().get() : nullptr;
    imageView_.handleKeys(state_, display_.frame(), settings_.presets, analysis);
    if (contrast_ && dialogs::keysForImage() && ImGui::IsKeyPressed(GLFW_KEY_M, false)) contrast_->remask();
    replay_.handleKeys();
    state_.caption = replay_.caption();
    const float replayH = replay_.active() ? ReplayPanel::kHeight : 0.0f;
    const ScreenRect& im = layout.image;
    replay_.draw(ImVec2(im.x, im.y + im.height), ImVec2(im.width, replayH));
    updatePatientLine();
    updateRecordingLabel();
    if (reopenPending_) {
      ImGui::SetNextWindowPos(ImVec2(im.x, im.y));
      ImGui::SetNextWindowSize(ImVec2(im.width, im.height));
      ImGui::Begin("##confirmPatient", nullptr,
                   ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                       ImGuiWindowFlags_NoBringToFrontOnFocus);
      const char* text = "Images are not shown until the patient of this case is confirmed (at the right).";
      ImGui::SetCursorPos(ImVec2(std::max(8.0f, (im.width - ImGui::CalcTextSize(text).x) / 2), im.height / 2));
      ImGui::TextColored(ImVec4(1.0f, 0.65f, 0.1f, 1), "%s", text);
      ImGui::End();
    } else {
      imageView_.draw(ImVec2(im.x, im.y), ImVec2(im.width, im.height), *renderer_, state_, display_.frame(), status,
                      analysis);
    }
    // The right column: guidance above, the procedure below.
    const ScreenRect& col = layout.column;
    const float guidanceH = procedure_ ? std::floor(col.height * kGuidanceShare) : col.height;
    if (col.width > 0 && contrast_) {
      contrastPanel_.draw(ImVec2(col.x, col.y), ImVec2(col.width, guidanceH), *contrast_, state_, display_.frame(),
                          plan3D_.get());
    }
    if (col.width > 0 && procedure_) {
      const float top = contrast_ ? guidanceH : 0.0f;
      ImGui::SetNextWindowPos(ImVec2(col.x, col.y + top));
      ImGui::SetNextWindowSize(ImVec2(col.width, col.height - top));
      // Never brought over a dialog by a click: dialogs stay readable above the panels.
      ImGui::Begin("Procedure", nullptr,
                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
      ImGui::PushTextWrapPos(0.0f);  // every line wraps at the panel's edge: nothing is cut
      if (replay_.active() && replayedCase_)
        drawRecordedCase(*replayedCase_);
      else
        procedurePanel_.draw(*procedure_, display_.frame(), imageView_.target(), beamOn(), clock_.nowNs());
      if (!alarmSound_.problem().empty()) ImGui::TextDisabled("%s", alarmSound_.problem().c_str());
      recordingSection();
      ImGui::PopTextWrapPos();
      ImGui::End();
    }
    drawColumnSplitter(layout);
    drawRecIndicator(layout.image);
    updateRecording();
    if (procedure_ && procedurePanel_.takeNewCaseRequest()) startNewCase();
    if (procedure_) {
      if (!replay_.active()) procedurePanel_.handleKeys(*procedure_, display_.frame(), imageView_.target(), beamOn());
      if (procedurePanel_.message() != panelMessage_) {
        panelMessage_ = procedurePanel_.message();
        if (!panelMessage_.empty()) {
          state_.notice = panelMessage_;
          state_.noticeAtS = ImGui::GetTime();
        }
      }
      procedurePanel_.drawDialogs(*procedure_, display_.frame());
      journalTimeOut();
    } else if (!procedureError_.empty() && col.width > 0) {
      ImGui::SetNextWindowPos(ImVec2(col.x, col.y + guidanceH));
      ImGui::Begin("Procedure", nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
      ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1), "%s", procedureError_.c_str());
      ImGui::End();
    }
    alarmSound_.set(alarms_.standing());
    askTimeOutAgainIfTipMoved(analysis);
    drawReopenDialog();
    drawCalibrationPrompt(state_.plan);
    drawLevelNaming(state_.plan, analysis);
    drawTimeOut(state_, analysis, display_.frame());
    if (auto request = state_.plan.takeLevelRequest(); request && contrast_) {
      contrast_->requestLevels(std::move(*request));
      // Levels are found on the next analysed image: say so when none is coming.
      if (status.stream.condition != render::StreamCondition::Live || status.stream.paused) {
        state_.notice = "levels are found on the next image, and none is arriving now";
        state_.noticeAtS = ImGui::GetTime();
      }
    }
    savePlanIfChanged(analysis);
    if (!planError_.empty()) drawPlanError();
    drawStatusBar(status, state_);
    menu_.drawHelp(state_);
    // Last: above every window and dialog.
    const AlarmKind acknowledged = alarmBanner_.draw(alarms_, layout, ImGui::GetTime(), shownFrameId());
    if (acknowledged == AlarmKind::FluoroscopyTime && procedure_) {
      if (auto st = procedure_->acknowledgeAlarm("operator", procedure::localWallTime()); !st)
        spdlog::error("procedure: {}", st.message());
    }
    if (actions.openSource) {
      openSource(*actions.openSource);
      menu_.sourceOpened(sourceError_);
    }
  }

  // With --frames, once capture has delivered them all and the newest is on screen; otherwise
  // after a fixed number of UI frames. Never later than kScreenshotDeadlineNs, so a test that asks
  // for a screenshot cannot hang.
  bool screenshotDue(int uiFrames, const StatusSnapshot& status) {
    if (options_.screenshot.empty()) return false;
    if (clock_.nowNs() - startNs_ > kScreenshotDeadlineNs) {
      spdlog::error("screenshot deadline passed before the requested frames arrived");
      exitCode_ = 1;
      return true;
    }
    if (uiFrames < 3) return false;
    if (options_.frames > 0) {
      const bool delivered = status.capture.imagesRead >= static_cast<uint64_t>(options_.frames) ||
                             !pipeline_ || pipeline_->capture().finished();
      return delivered && !fresh_;
    }
    return uiFrames >= kScreenshotFallbackUiFrames;
  }

  void saveScreenshot(int width, int height) {
    render::RgbaImage image;
    image.width = width;
    image.height = height;
    image.rgba.resize(static_cast<size_t>(width) * height * 4);
    std::vector<uint8_t> bottomUp(image.rgba.size());
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, bottomUp.data());
    const size_t row = static_cast<size_t>(width) * 4;
    for (int y = 0; y < height; ++y) {
      std::copy_n(bottomUp.data() + row * (height - 1 - y), row, image.rgba.data() + row * y);
    }
    if (auto status = writePng(image, options_.screenshot); !status) {
      spdlog::error("{}", status.message());
      exitCode_ = 1;
    } else {
      spdlog::info("screenshot written to {}", options_.screenshot.string());
    }
    writeLayoutReport(width, height);
  }

  // Beside the screenshot, what the screen held: each window's place and whether anything in it
  // was cut at its right edge or lay off screen, and what the status bar could not fit. Checked by
  // the tests at the reading room's screen sizes.
  void writeLayoutReport(int width, int height) {
    nlohmann::json windows = nlohmann::json::array();
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
      if (!w->WasActive || w->Hidden || std::string_view(w->Name).rfind("Debug##", 0) == 0) continue;
      const float inner = w->ContentRegionRect.GetWidth();
      windows.push_back({{"name", w->Name},
                         {"x", w->Pos.x},
                         {"y", w->Pos.y},
                         {"width", w->Size.x},
                         {"height", w->Size.y},
                         {"contentWidth", w->ContentSize.x},
                         {"innerWidth", inner},
                         {"cutRight", w->ContentSize.x > inner + 1.0f},
                         {"offScreen", w->Pos.x < -0.5f || w->Pos.y < -0.5f || w->Pos.x + w->Size.x > width + 0.5f ||
                                           w->Pos.y + w->Size.y > height + 0.5f}});
    }
    const nlohmann::json report = {{"width", width},
                                   {"height", height},
                                   {"largeType", settings_.largeType},
                                   {"statusBarHidden", statusBarHidden()},
                                   {"windows", windows}};
    std::filesystem::path file = options_.screenshot;
    file.replace_extension(".layout.json");
    std::ofstream(file) << report.dump(2);
  }

  void applyFullscreen() {
    const bool isFull = glfwGetWindowMonitor(window_) != nullptr;
    if (state_.fullscreen == isFull) return;
    if (state_.fullscreen) {
      glfwGetWindowPos(window_, &settings_.window.x, &settings_.window.y);
      glfwGetWindowSize(window_, &settings_.window.width, &settings_.window.height);
      GLFWmonitor* monitor = glfwGetPrimaryMonitor();
      if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr) {
        glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
      }
    } else {
      glfwSetWindowMonitor(window_, nullptr, std::max(settings_.window.x, 0),
                           std::max(settings_.window.y, 0), settings_.window.width,
                           settings_.window.height, 0);
    }
  }

  void saveSettingsReported() {
    if (auto status = saveSettings(options_.configDir, settings_); !status)
      spdlog::warn("{}", status.message());
  }

  void shutdown() {
    stopRecording();
    recording_.reset();  // waits for an export in progress
    contrast_.reset();
    if (pipeline_) pipeline_->stop();
    replay_.detach();  // says where the replay was left
    if (procedure_) {
      if (auto status = procedure_->writeReport(); !status) spdlog::error("procedure: {}", status.message());
    }
    settings_.gamma = state_.display.gamma;
    settings_.inverted = state_.display.polarity == render::Polarity::Inverted;
    settings_.window.fullscreen = state_.fullscreen;
    settings_.noiseFilter = state_.noiseFilterStrength;
    if (!state_.fullscreen) {
      glfwGetWindowPos(window_, &settings_.window.x, &settings_.window.y);
      glfwGetWindowSize(window_, &settings_.window.width, &settings_.window.height);
    }
    saveSettingsReported();
  }

  const AppOptions& options_;
  GLFWwindow* window_;
  core::SteadyClock clock_;
  Settings settings_;
  ViewerState state_;
  std::unique_ptr<render::ImageRenderer> renderer_;
  std::unique_ptr<LivePipeline> pipeline_;
  std::unique_ptr<RecordingSession> recording_;  // after pipeline_: destroyed first
  std::string sourceSpec_;
  std::unique_ptr<ContrastSession> contrast_;  // after pipeline_: destroyed first
  ContrastPanel contrastPanel_;
  std::unique_ptr<procedure::ProcedureSession> procedure_;
  std::string procedureError_;  // the procedure could not be opened: said in its place
  std::string recordingError_;
  ProcedurePanel procedurePanel_;
  AlarmSound alarmSound_;
  AlarmBoard alarms_;
  AlarmBanner alarmBanner_;
  bool sourceLostRaised_ = false, diskLowRaised_ = false;
  bool reopenPending_ = false;
  bool forgetShownAtNextFrame_ = false;  // a new case: the previous patient's image goes
  std::string panelMessage_;             // the procedure panel's last message, also a notice
  bool tipDisagreed_ = false;
  std::string saidState_;
  int64_t recordingStartedNs_ = 0;  // the tip was at another level than the time-out's last frame
  std::unique_ptr<procedure::RecordedCase> replayedCase_;  // the replayed case's record, read-only  // an existing case: its patient is confirmed before images show
  std::string recordingAlarmFor_;
  int64_t diskCheckedNs_ = 0;
  float panelWidth_ = 420.0f;
  std::string journaledTimeOut_;
  LiveDisplay display_{clock_};
  StatusTracker tracker_;
  ImageViewPanel imageView_;
  ReplayPanel replay_;
  MenuBar menu_;
  std::string sourceError_;
  std::filesystem::path caseDir_;
  std::unique_ptr<Plan3D> plan3D_;  // simulated sources only
  bool plan3DPlaced_ = false;
  std::tuple<uint64_t, uint64_t, int, bool, bool> savedKey_{0, 0, 0, false, false};
  std::string planError_;         // the plan could not be read or saved: shown until it can
  bool planSaveBlocked_ = false;  // a damaged plan.json is left for inspection, not overwritten
  int64_t startNs_ = clock_.nowNs();
  bool fresh_ = false;  // a new frame was taken this loop
  bool quit_ = false;
  int exitCode_ = 0;
};

void logGlfwError(int code, const char* description) {
  spdlog::debug("GLFW error {}: {}", code, description);
}

}  // namespace

int runWorkstation(const AppOptions& options) {
  glfwSetErrorCallback(logGlfwError);
  if (!glfwInit()) return kNoDisplayExit;
  installStopSignals();
  const Settings remembered = loadSettings(options.configDir).settings;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  // Never larger than the screen's work area (a remembered size may come from a bigger monitor).
  int width = remembered.window.width, height = remembered.window.height;
  if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) {
    int areaX = 0, areaY = 0, areaW = 0, areaH = 0;
    glfwGetMonitorWorkarea(monitor, &areaX, &areaY, &areaW, &areaH);
    if (areaW > 0 && areaH > 0) {
      width = std::min(width, areaW);
      height = std::min(height, areaH);
    }
  }
  GLFWwindow* window = glfwCreateWindow(width, height, "FluoroGuide", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    spdlog::error("cannot create an OpenGL 3.3 core window (driver too old?)");
    return 3;
  }
  if (remembered.window.x >= 0 && remembered.window.y >= 0) {
    glfwSetWindowPos(window, remembered.window.x, remembered.window.y);
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(remembered.vsync ? 1 : 0);
  spdlog::info("window: {}", render::describeCurrentContext());

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  std::error_code ec;
  std::filesystem::create_directories(options.configDir, ec);
  const std::string iniPath = (options.configDir / "imgui.ini").string();
  io.IniFilename = iniPath.c_str();
  applyReadingRoomStyle();
  // Two sizes of the same face: the reading room's and the large type for the table-side screen
  // (View > Large type), switched between UI frames.
  if (const std::string font = render::defaultFontPath(); !font.empty()) {
    gNormalFont = io.Fonts->AddFontFromFileTTF(font.c_str(), 17.0f);
    gLargeFont = io.Fonts->AddFontFromFileTTF(font.c_str(), 24.0f);
  }
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  installKeyTaps(window);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  int exitCode = 0;
  {
    Shell shell(options, window);
    if (auto status = shell.init(); !status) {
      spdlog::error("{}", status.message());
      exitCode = 3;
    } else {
      exitCode = shell.run();
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exitCode;
}

}  // namespace fg::app
