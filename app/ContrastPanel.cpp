#include "app/ContrastPanel.hpp"

#include "app/SideDialog.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/ContrastLayers.hpp"
#include "app/Readings.hpp"
#include "app/LevelPanel.hpp"

namespace fg::app {
namespace {

const ImVec4 kWarn{1.0f, 0.65f, 0.1f, 1};
const ImVec4 kDanger{1.0f, 0.3f, 0.25f, 1};
const ImVec4 kGood{0.3f, 0.9f, 0.4f, 1};
constexpr double kImperfectRatio = 2.0;  // residual ratio past which the panel suggests a new mask
constexpr size_t kCurvePoints = 600;     // the last ~40 s at 15 results/s

// A section heading (this Dear ImGui predates SeparatorText).
void heading(const char* text) {
  ImGui::Spacing();
  // Bright enough to find in a dim room (grey on black was not).
  ImGui::TextColored(ImVec4(0.55f, 0.78f, 1.0f, 1), "%s", text);
  ImGui::Separator();
}

ImVec4 patternColor(guidance::Pattern p) {
  switch (p) {
    case guidance::Pattern::Intravascular:
      return kDanger;
    case guidance::Pattern::Intrathecal:
      return kWarn;
    case guidance::Pattern::Epidural:
      return kGood;
    default:
      return ImVec4(0.8f, 0.8f, 0.8f, 1);
  }
}

void viewSection(ViewerState& state) {
  heading("Image");
  ImGui::SliderFloat("Noise filter", &state.noiseFilterStrength, 0.0f, 1.0f,
                     state.noiseFilterStrength > 0 ? "%.2f" : "off");
  heading("View (S cycles)");
  int view = static_cast<int>(state.contrastView);
  ImGui::RadioButton("Live", &view, static_cast<int>(ContrastView::Live));
  ImGui::SameLine();
  ImGui::RadioButton("Subtracted", &view, static_cast<int>(ContrastView::Subtracted));
  ImGui::SameLine();
  ImGui::RadioButton("Overlay", &view, static_cast<int>(ContrastView::Overlay));
  state.contrastView = static_cast<ContrastView>(view);
  ImGui::SliderFloat("Opacity", &state.overlayOpacity, 0.1f, 1.0f, "%.2f");
  ImGui::Checkbox("Over subtracted", &state.overlayOnSubtracted);
  ImGui::SameLine();
  ImGui::Checkbox("Earlier spread", &state.showAccumulated);
}

void maskSection(ContrastSession& session, const guidance::ContrastResult* r) {
  heading("Mask");
  if (r == nullptr || r->maskState == guidance::MaskState::Invalid) {
    ImGui::TextDisabled("no analysis yet");
  } else if (r->maskState == guidance::MaskState::Collecting) {
    ImGui::TextUnformatted(r->noiseLearnt ? "collecting: frozen when contrast arrives"
                                          : "collecting: learning the noise (no contrast called yet)");
  } else {
    ImGui::Text("frozen, %.1f s old", r->maskAgeS);
    if (r->maskMayHoldContrast) {
      // Contrast from the first frames: the mask may hold some, and the spread shows its growth.
      ImGui::TextColored(kWarn, "contrast from the first frames: no clean mask, the spread shows only what was "
                                "added since");
    }
  }
  if (r != nullptr && r->noiseLearnt) {
    // How the frame's values were read: the source's word, or measured from its noise.
    ImGui::TextDisabled("values: %s", guidance::describe(r->intensity).c_str());
  }
  if (r != nullptr && r->fieldShare > 0 && r->fieldShare < 0.98) {
    ImGui::Text("analysed: %.0f%% of the image (collimated field, off text and markers)", r->fieldShare * 100);
  }
  if (ImGui::Button("New mask (M)")) session.remask();
}

void motionSection(ContrastSession& session, const guidance::ContrastResult* r) {
  heading("Motion");
  guidance::SubtractionSettings s = session.subtraction();
  bool automatic = s.compensation == guidance::MotionCompensation::Automatic;
  bool changed = ImGui::Checkbox("Automatic compensation", &automatic);
  if (r != nullptr && r->maskState == guidance::MaskState::Frozen) {
    ImGui::Text("shift %+.1f, %+.1f px  turn %+.2f deg", r->motion.dxPx * r->binning,
                r->motion.dyPx * r->binning, r->motion.angleDeg);
    ImGui::Text("residual %.2f sigma, %.1fx the mask's", r->motion.residualSigma, r->residualRatio);
    if (!r->registrationTrusted) {
      ImGui::TextColored(kDanger, "registration failed: spread not accumulated");
      ImGui::TextColored(kDanger, "take a new mask (M)");
    } else if (r->evidenceHeld) {
      ImGui::TextColored(kWarn, "patient moving: earlier spread and pattern held until the fit catches up");
    } else if (r->patientMoving) {
      ImGui::TextColored(kWarn, "patient still moving: the spread may show edges the fit has not caught up with");
    } else if (r->residualRatio > kImperfectRatio) {
      ImGui::TextColored(kWarn, "imperfect after motion: consider a new mask");
    }
  }
  // Manual shift in image px (the analysis works at binned px).
  const int binning = r != nullptr ? std::max(1, r->binning) : 2;
  float shift[2] = {static_cast<float>(s.manualShiftXPx * binning),
                    static_cast<float>(s.manualShiftYPx * binning)};
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Manual shift px").x - 50);
  changed |= ImGui::DragFloat2("Manual shift px", shift, 0.25f, -64.0f, 64.0f, "%.2f");
  ImGui::SameLine();
  if (ImGui::SmallButton("0")) {
    shift[0] = shift[1] = 0;
    changed = true;
  }
  if (changed) {
    s.compensation =
        automatic ? guidance::MotionCompensation::Automatic : guidance::MotionCompensation::Off;
    s.manualShiftXPx = shift[0] / binning;
    s.manualShiftYPx = shift[1] / binning;
    session.setSubtraction(s);
  }
}

void needleSection(ViewerState& state, const guidance::AnalysisResult* a,
                   const core::FrameRef& shown) {
  heading("Needle and plan (T target, E entry, C calibrate)");
  ImGui::Checkbox("Show needle", &state.showNeedle);
  if (a == nullptr || !a->needle.found) {
    ImGui::TextDisabled("no needle found");
  } else {
    const auto& n = a->needle;
    ImGui::Text("tip %.1f, %.1f px  confidence %.0f%%", n.tipPx.x, n.tipPx.y, n.confidence * 100);
  }
  const PlanState& plan = state.plan;
  if (!plan.plan().targetPx) {
    ImGui::TextDisabled("no target: press T and click it");
  } else if (a != nullptr && a->needle.found && shown) {
    const auto reading =
        guidance::readTrajectory(plan.plan(), a->needle, shown->format(), plan.calibratedMmPerPx());
    if (reading) {
      const auto& r = reading.value();
      const char* where = r.atIsocentre ? "at the spine" : "at the detector";
      ImGui::Text("tip to target %.1f mm (%s)", r.tipToTargetMm, where);
      ImGui::TextUnformatted(aheadText(r.aheadMm).c_str());
      ImGui::Text("the axis would miss it by %.1f mm", r.missMm);
      if (r.angleToPlanDeg) ImGui::Text("%.1f deg off the planned path", *r.angleToPlanDeg);
    } else {
      ImGui::TextColored(kWarn, "%s", reading.status().message().c_str());
    }
  }
  if (plan.calibratedMmPerPx() > 0) ImGui::Text("calibrated: %.3f mm/px", plan.calibratedMmPerPx());
  // Measurements in mm (from the frame's spacing, or the calibration).
  if (ImGui::Button("Ruler (D)")) state.plan.setTool(PlanTool::Distance);
  ImGui::SameLine();
  if (ImGui::Button("Angle (Shift+D)")) state.plan.setTool(PlanTool::Angle);
  if (!state.plan.measurements().empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Clear measurements")) state.plan.clearMeasurements();
    if (shown)
      for (const auto& m : state.plan.measurements())
        ImGui::BulletText("%s", guidance::measurementText(m, shown->format(), state.plan.calibratedMmPerPx()).c_str());
  }
}

void spreadSection(const guidance::ContrastResult* r) {
  heading("Spread");
  if (r == nullptr || !r->total.present) {
    ImGui::TextDisabled("no contrast seen since the mask");
    return;
  }
  ImGui::Text("now %.0f mm2, since mask %.0f mm2", r->now.areaMm2, r->total.areaMm2);
  ImGui::Text("cranio-caudal %.1f mm", r->total.cranioCaudalMm);
  // Where the sizes hold: at the spine, at the detector, or estimated (the frame has no spacing).
  if (r->scale.estimated()) {
    ImGui::TextColored(kWarn, "%s", guidance::describe(r->scale).c_str());
  } else {
    ImGui::TextDisabled("%s", guidance::describe(r->scale).c_str());
  }
  ImGui::TextColored(patternColor(r->pattern.pattern), "pattern: %s (%.0f%%)",
                     std::string(guidance::toString(r->pattern.pattern)).c_str(),
                     r->pattern.confidence * 100);
}

}  // namespace

void ContrastPanel::addResult(const guidance::ContrastResult& r) {
  if (r.maskState == guidance::MaskState::Collecting || r.timelineEpoch != curveEpoch_) {
    curveEpoch_ = r.timelineEpoch;
    curveTimeS_.clear();
    curveValue_.clear();
    return;
  }
  if (r.maskState != guidance::MaskState::Frozen || !r.registrationTrusted) return;
  curveTimeS_.push_back(static_cast<float>(r.timeS));
  curveValue_.push_back(static_cast<float>(r.total.present ? r.total.integratedDifference : 0.0));
  if (curveValue_.size() > kCurvePoints) {
    curveTimeS_.erase(curveTimeS_.begin());
    curveValue_.erase(curveValue_.begin());
  }
}

void ContrastPanel::draw(ImVec2 pos, ImVec2 size, ContrastSession& session, ViewerState& state,
                         const core::FrameRef& shown, const Plan3D* plan3D) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("Guidance", nullptr,
               ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PushTextWrapPos(0.0f);  // every line wraps at the panel's edge: nothing is cut
  ImGui::PushItemWidth(-150.0f);  // room for a label at the right of every field
  const guidance::ContrastResult* r = session.latest() ? &session.latest()->contrast : nullptr;
  // A result from before a seek or a loop says nothing of the image on screen.
  if (r != nullptr && shown && r->timelineEpoch != shown->timelineEpoch()) r = nullptr;
  viewSection(state);
  maskSection(session, r);
  motionSection(session, r);
  spreadSection(r);
  needleSection(state, session.latest().get(), shown);
  if (plan3D != nullptr) plan3DSection(state, plan3DChoice_, *plan3D, shown);
  levelSection(state, session.latest().get());

  heading("Time-intensity");
  if (curveValue_.size() >= 2) {
    const auto [lo, hi] = std::minmax_element(curveValue_.begin(), curveValue_.end());
    char label[64];
    std::snprintf(label, sizeof label, "%.0f s", curveTimeS_.back() - curveTimeS_.front());
    ImGui::PlotLines("##tic", curveValue_.data(), static_cast<int>(curveValue_.size()), 0, label,
                     std::min(0.0f, *lo), std::max(*hi, 1.0f),
                     ImVec2(ImGui::GetContentRegionAvail().x, 90));
    ImGui::TextDisabled("contrast in view (subtracted value x mm2)");
  } else {
    ImGui::TextDisabled("starts when the mask is frozen");
  }

  heading("Analysis");
  if (r != nullptr && shown) {
    const double age = overlayAgeS(*r, *shown);
    if (!std::isfinite(age)) ImGui::TextColored(kWarn, "analysis starting again after a seek or a loop");
    else ImGui::TextColored(age > kStaleOverlayS ? kDanger : ImVec4(0.8f, 0.8f, 0.8f, 1),
                       "frame %llu, %.0f ms behind%s", static_cast<unsigned long long>(r->frameId),
                       age * 1000, age > kStaleOverlayS ? ": overlay withheld" : "");
    ImGui::Text("%.2f ms per frame, %llu skipped", r->timesMs.total,
                static_cast<unsigned long long>(session.thread().framesSkipped()));
    if (!r->status.isOk()) ImGui::TextColored(kWarn, "%s", r->status.message().c_str());
  } else {
    ImGui::TextDisabled("waiting for the first analysed frame");
  }
  ImGui::PopItemWidth();
  ImGui::PopTextWrapPos();
  ImGui::End();
}

void drawCalibrationPrompt(PlanState& plan) {
  if (!plan.awaitingDistance()) return;
  static double knownMm = 10.0;
  static std::string error;
  if (dialogs::begin("Calibration", 380)) {
    const bool keys = dialogs::keysForDialog();
    ImGui::TextUnformatted("Known distance between the two points:");
    ImGui::SetNextItemWidth(160);
    const bool enter = ImGui::InputDouble("mm", &knownMm, 1.0, 10.0, "%.1f", ImGuiInputTextFlags_EnterReturnsTrue);
    if (!error.empty()) ImGui::TextColored(kWarn, "%s", error.c_str());
    if (ImGui::Button("Calibrate (Enter)") || enter ||
        (keys && !ImGui::GetIO().WantTextInput && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false))) {
      const core::Status status = plan.finishCalibration(knownMm);
      error = status.isOk() ? "" : status.message();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel (Esc)") || (keys && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))) {
      plan.cancelCalibration();
      error.clear();
    }
  }
  dialogs::end();
}

}  // namespace fg::app
