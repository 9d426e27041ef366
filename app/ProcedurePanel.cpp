#include "app/ProcedurePanel.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/OutputFiles.hpp"
#include "app/SideDialog.hpp"
#include "app/TextFit.hpp"
#include "procedure/CaseFiles.hpp"
#include "record/DicomExport.hpp"

namespace fg::app {
namespace {

const ImVec4 kWarn{1.0f, 0.65f, 0.1f, 1};
const ImVec4 kDanger{1.0f, 0.3f, 0.25f, 1};
const ImVec4 kGood{0.3f, 0.9f, 0.4f, 1};
const ImVec4 kCurrent{0.35f, 0.75f, 1.0f, 1};

const char* stateMark(procedure::StepState s) {
  switch (s) {
    case procedure::StepState::Done:
      return "[x]";
    case procedure::StepState::Skipped:
      return "[-]";
    default:
      return "[ ]";
  }
}

// The view as a DICOM key image (secondary capture) in the case's study.
core::Status writeKeyImageDicom(const render::RgbaImage& view,
                                const procedure::ProcedureSession& session,
                                const std::string& stepTitle, const std::filesystem::path& file) {
  record::KeyImage image;
  image.width = view.width;
  image.height = view.height;
  image.rgb.reserve(view.rgba.size() / 4 * 3);
  for (size_t i = 0; i + 3 < view.rgba.size(); i += 4)
    image.rgb.insert(image.rgb.end(), view.rgba.begin() + static_cast<long>(i),
                     view.rgba.begin() + static_cast<long>(i) + 3);
  image.comment = "Key image: " + stepTitle;
  // One series for all the key images of a case, numbered in the order they were taken.
  record::DicomSeries series;
  series.seriesDescription = "FluoroGuide key images";
  series.seriesNumber = 100;  // apart from the runs' series
  const std::string& study = session.caseInfo().studyInstanceUid;
  if (!study.empty()) series.seriesInstanceUid = study + ".100";
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(file.parent_path(), ec))
    if (entry.path().extension() == ".dcm") ++series.instanceNumber;
  return record::exportKeyImage(image, session.caseInfo(), series, file);
}

}  // namespace

void ProcedurePanel::mark(procedure::ProcedureSession& session, procedure::StepState state,
                          const core::FrameRef& shown, const render::RenderTarget& view,
                          bool beamOn) {
  const size_t step = session.record().currentStep();
  if (step >= session.record().steps().size()) return;
  const procedure::StepSpec& spec = session.record().protocol().steps[step];
  // A step with required fields is skipped only with a reason, asked for in a dialog.
  const bool required = std::any_of(spec.fields.begin(), spec.fields.end(), [](const auto& f) { return f.required; });
  if (state == procedure::StepState::Skipped && required && skipReasonFor_ != step) {
    skipDialogStep_ = step;
    skipReason_[0] = '\0';
    return;
  }
  if (state == procedure::StepState::Skipped && required) {
    if (const core::Status noted = session.addNote(step, std::string("skipped: ") + skipReason_); !noted) {
      message_ = noted.message();
      return;
    }
  }
  skipReasonFor_ = SIZE_MAX;
  std::string snapshot;
  // An imaging step marked during imaging keeps the image as shown, overlays and all: a PNG for
  // the report and a DICOM key image for the archive, in the case's study.
  if (state == procedure::StepState::Done && spec.imaging && beamOn && shown && view.width() > 0) {
    const std::string name = "snapshots/" + spec.id + "-" + std::to_string(shown->id());
    const core::Status dir = makePrivateDir(session.caseDir() / "snapshots");
    const render::RgbaImage pixels = view.readPixels();
    const core::Status written = dir ? writePng(pixels, session.caseDir() / (name + ".png")) : dir;
    if (written) {
      snapshot = name + ".png";
      const core::Status dicom =
          writeKeyImageDicom(pixels, session, spec.title, session.caseDir() / (name + ".dcm"));
      if (!dicom) message_ = "snapshot saved as PNG only: " + dicom.message();
    } else {
      message_ = "snapshot not saved: " + written.message();
    }
  }
  const core::Status status =
      session.markCurrent(state, procedure::localWallTime(), shown ? shown->id() : 0, snapshot);
  if (!status) {
    message_ = status.message();
  } else {
    if (snapshot.empty() || message_.rfind("snapshot", 0) != 0) message_.clear();
    // The report in the case folder follows every step.
    if (const core::Status report = session.writeReport(); !report)
      message_ = "report not written: " + report.message();
  }
  shownStep_ = SIZE_MAX;
}

void ProcedurePanel::stepFields(procedure::ProcedureSession& session, size_t step) {
  const procedure::StepSpec& spec = session.record().protocol().steps[step];
  const procedure::StepRecord& rec = session.record().steps()[step];
  ImGui::PushID(static_cast<int>(step));
  for (const procedure::FieldSpec& f : spec.fields) {
    ImGui::PushID(f.id.c_str());
    const auto it = rec.fields.find(f.id);
    const nlohmann::json value = it != rec.fields.end() ? it->second : nlohmann::json();
    const std::string label =
        f.label + (f.required ? " *" : "") + (f.unit.empty() ? "" : " (" + f.unit + ")");
    core::Status status = core::Status::ok();
    // The label above its field (never cut beside it), the field as wide as the panel.
    if (f.kind != procedure::FieldKind::Check) {
      ImGui::TextUnformatted(label.c_str());
      ImGui::SetNextItemWidth(-1);
    }
    const std::string hidden = "##" + f.id;
    switch (f.kind) {
      case procedure::FieldKind::Text: {
        char buffer[256];
        std::snprintf(buffer, sizeof buffer, "%s",
                      value.is_string() ? value.get<std::string>().c_str() : "");
        // Recorded when the field is left (one journal event per edit, not per key).
        ImGui::InputText(hidden.c_str(), buffer, sizeof buffer);
        if (ImGui::IsItemDeactivatedAfterEdit())
          status = session.setField(step, f.id, std::string(buffer));
        break;
      }
      case procedure::FieldKind::Number: {
        double number = value.is_number() ? value.get<double>() : 0.0;
        ImGui::InputDouble(hidden.c_str(), &number, 0.0, 0.0, "%.2f");
        if (ImGui::IsItemDeactivatedAfterEdit()) status = session.setField(step, f.id, number);
        break;
      }
      case procedure::FieldKind::Choice: {
        const std::string current = value.is_string() ? value.get<std::string>() : "";
        if (ImGui::BeginCombo(hidden.c_str(), current.empty() ? "(choose)" : current.c_str())) {
          for (const std::string& c : f.choices) {
            if (ImGui::Selectable(c.c_str(), c == current) && c != current)
              status = session.setField(step, f.id, c);
          }
          ImGui::EndCombo();
        }
        break;
      }
      case procedure::FieldKind::Check: {
        bool checked = value.is_boolean() && value.get<bool>();
        if (ImGui::Checkbox(label.c_str(), &checked))
          status = session.setField(step, f.id, checked);
        break;
      }
      default:
        break;
    }
    if (!status) message_ = status.message();
    ImGui::PopID();
  }
  for (const std::string& n : rec.notes) ImGui::TextWrapped("note: %s", n.c_str());
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("Add note").x - 24);
  ImGui::InputText("##note", note_, sizeof note_);
  ImGui::SameLine();
  if (ImGui::Button("Add note") && note_[0] != '\0') {
    const core::Status status = session.addNote(step, note_);
    if (!status)
      message_ = status.message();
    else
      note_[0] = '\0';
  }
  ImGui::PopID();
}

void ProcedurePanel::drawSkipDialog(procedure::ProcedureSession& session, const core::FrameRef& shown) {
  if (skipDialogStep_ == SIZE_MAX) return;
  if (skipDialogStep_ != session.record().currentStep()) {  // marked meanwhile (another way)
    skipDialogStep_ = SIZE_MAX;
    return;
  }
  const procedure::StepSpec& spec = session.record().protocol().steps[skipDialogStep_];
  if (dialogs::begin("Skip a required step", 440)) {
    ImGui::PushTextWrapPos(0);
    ImGui::Text("\"%s\" is required. Why is it skipped?", spec.title.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    const bool enter = ImGui::InputTextWithHint("##reason", "the reason, kept in the record", skipReason_,
                                                sizeof skipReason_, ImGuiInputTextFlags_EnterReturnsTrue);
    const bool ready = skipReason_[0] != '\0';
    ImGui::BeginDisabled(!ready);
    const bool confirmed = ImGui::Button("Skip with this reason (Enter)", ImVec2(260, 0)) || (ready && enter);
    ImGui::EndDisabled();
    ImGui::SameLine();
    const bool cancelled =
        ImGui::Button("Cancel (Esc)", ImVec2(130, 0)) || (dialogs::keysForDialog() && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false));
    if (confirmed && dialogs::keysForDialog()) {
      skipReasonFor_ = skipDialogStep_;
      skipDialogStep_ = SIZE_MAX;
      mark(session, procedure::StepState::Skipped, shown, render::RenderTarget{}, false);
    } else if (cancelled) {
      skipDialogStep_ = SIZE_MAX;
    }
  }
  dialogs::end();
}

void ProcedurePanel::caseDetails(procedure::ProcedureSession& session) {
  if (ImGui::Button("Case details")) openCaseDetails(session);
}

void ProcedurePanel::drawDialogs(procedure::ProcedureSession& session, const core::FrameRef& shown) {
  drawSkipDialog(session, shown);
  if (caseDetailsOpen_) {
    if (dialogs::begin("Case details", 440)) {
      auto field = [](const char* label, std::string& value) {
        char buffer[128];
        std::snprintf(buffer, sizeof buffer, "%s", value.c_str());
        ImGui::TextUnformatted(label);  // above its field: neither is cut
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputText((std::string("##") + label).c_str(), buffer, sizeof buffer)) value = buffer;
      };
      field("Patient ID", editing_.patientId);
      field("Name", editing_.patientName);
      field("Date of birth", editing_.birthDate);
      ImGui::SameLine();
      ImGui::TextDisabled("YYYY-MM-DD");
      field("Accession", editing_.accession);
      field("Operator", editing_.operatorName);
      field("Site", editing_.site);
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("kept in case.json in the owner-only case folder, never in logs");
      ImGui::PopTextWrapPos();
      if (ImGui::Button("Save", ImVec2(120, 0))) {
        // Checked like a case.json read back, so what is saved can be opened again.
        auto checked = procedure::caseInfoFromJson(procedure::toJson(editing_), "case details");
        const core::Status status = checked ? session.updateCaseInfo(editing_) : checked.status();
        message_ = status ? "" : status.message();
        if (status) caseDetailsOpen_ = false;
      }
      ImGui::SameLine();
      if (ImGui::Button("Cancel (Esc)", ImVec2(130, 0)) ||
          (dialogs::keysForDialog() && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false))) {
        caseDetailsOpen_ = false;
        message_.clear();
      }
      if (!message_.empty()) ImGui::TextColored(kWarn, "%s", message_.c_str());
    }
    dialogs::end();
  }
  if (newCaseOpen_) {
    if (dialogs::begin("Start a new case?", 440)) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted("This case stays in its folder as recorded; the new one starts with no steps "
                             "marked, no patient, no plan or levels, and fluoroscopy time at zero.");
      ImGui::PopTextWrapPos();
      if (ImGui::Button("New case (Enter)", ImVec2(160, 0)) ||
          (dialogs::keysForDialog() && ImGui::IsKeyPressed(GLFW_KEY_ENTER, false))) {
        newCaseRequested_ = true;
        observationStartNs_ = 0;
        message_.clear();
        newCaseOpen_ = false;
      }
      ImGui::SameLine();
      if (ImGui::Button("Cancel (Esc)", ImVec2(140, 0)) ||
          (dialogs::keysForDialog() && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)))
        newCaseOpen_ = false;
    }
    dialogs::end();
  }
}

void drawRecordedCase(const procedure::RecordedCase& c) {
  const procedure::ProcedureRecord& r = c.record;
  ImGui::TextColored(kCurrent, "REPLAYED CASE - read-only");
  ImGui::TextUnformatted(r.protocol().name.c_str());
  ImGui::Text("Fluoro %.1f min recorded", r.beamOnS() / 60.0);
  if (const auto& t = r.timeOut())
    ImGui::TextColored(kGood, "time-out %s: %s %s", t->wallTime.c_str(), t->level.c_str(), t->side.c_str());
  else
    ImGui::TextColored(kWarn, "no time-out recorded");
  ImGui::Separator();
  ImGui::BeginChild("recordedSteps", ImVec2(0, 0), true);
  for (size_t i = 0; i < r.steps().size(); ++i) {
    const procedure::StepRecord& step = r.steps()[i];
    ImGui::PushStyleColor(ImGuiCol_Text, step.state == procedure::StepState::Pending ? ImVec4(0.6f, 0.6f, 0.6f, 1)
                                                                                    : ImVec4(0.85f, 0.85f, 0.85f, 1));
    ImGui::TextWrapped("%s %s%s%s", stateMark(step.state), r.protocol().steps[i].title.c_str(),
                       step.wallTime.empty() ? "" : "  ", step.wallTime.c_str());
    ImGui::PopStyleColor();
    for (const std::string& n : step.notes) ImGui::TextWrapped("    note: %s", n.c_str());
  }
  for (const procedure::AlertRecord& a : r.alerts())
    ImGui::TextColored(kDanger, "alarm %s at %s (frame %llu)%s", a.kind.c_str(), a.raisedAt.c_str(),
                       static_cast<unsigned long long>(a.raisedFrameId),
                       a.acknowledgedAt.empty() ? ", not acknowledged" : "");
  if (c.linesSkipped > 0) ImGui::TextColored(kWarn, "%zu journal lines could not be read", c.linesSkipped);
  ImGui::EndChild();
}

void ProcedurePanel::draw(procedure::ProcedureSession& session, const core::FrameRef& shown,
                          const render::RenderTarget& view, bool beamOn, int64_t nowNs) {
  const procedure::ProcedureRecord& r = session.record();
  const procedure::FluoroTimer& timer = session.timer();
  ImGui::TextColored(timer.alarmStanding() ? kDanger : ImVec4(0.85f, 0.85f, 0.85f, 1),
                     "Fluoro %s min%s", timer.minutesAndTenths().c_str(),
                     beamOn ? "  BEAM ON" : "");
  ImGui::TextDisabled("fluoroscopy time measured from the video stream, not read from the C-arm");
  if (!session.recovered().empty()) ImGui::TextColored(kWarn, "%s", session.recovered().c_str());
  const procedure::CaseInfo& info = session.caseInfo();
  ImGui::TextWrapped("%s", session.record().protocol().name.c_str());
  if (info.patientId.empty()) {
    ImGui::TextColored(kWarn, "no patient ID");
    ImGui::SameLine();
  }
  caseDetails(session);
  // The observation period after the procedure (30-40 minutes).
  if (!session.record().observationFrom().empty()) {
    if (observationStartNs_ == 0) observationStartNs_ = nowNs;
    const double minutes = static_cast<double>(nowNs - observationStartNs_) / 60e9;
    ImGui::TextColored(minutes >= 30 ? kGood : kCurrent, "observation since %s: %.0f min of 30-40",
                       session.record().observationFrom().c_str(), minutes);
  }
  const size_t current = r.currentStep();
  const size_t count = r.steps().size();
  const size_t shownStep =
      shownStep_ == SIZE_MAX ? std::min(current, count - 1) : std::min(shownStep_, count - 1);
  ImGui::Separator();
  ImGui::BeginChild("steps", ImVec2(0, 220), true);
  for (size_t i = 0; i < count; ++i) {
    const procedure::StepRecord& s = r.steps()[i];
    const ImVec4 colour = i == current                               ? kCurrent
                          : s.state == procedure::StepState::Pending ? ImVec4(0.6f, 0.6f, 0.6f, 1)
                                                                     : ImVec4(0.8f, 0.8f, 0.8f, 1);
    char line[200];
    std::snprintf(
        line, sizeof line, "%s %s%s", stateMark(s.state), r.protocol().steps[i].title.c_str(),
        s.wallTime.empty()
            ? ""
            : ("  " + s.wallTime.substr(s.wallTime.size() >= 8 ? s.wallTime.size() - 8 : 0))
                  .c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    const std::string shownLine = elideToWidth(line, ImGui::GetContentRegionAvail().x);
    if (ImGui::Selectable(shownLine.c_str(), i == shownStep)) shownStep_ = i;
    tooltipIfElided(shownLine, line);
    ImGui::PopStyleColor();
    if (i == current && shownStep_ == SIZE_MAX) ImGui::SetScrollHereY(0.3f);
  }
  ImGui::EndChild();
  if (current < count) {
    const procedure::StepSpec& spec = r.protocol().steps[current];
    ImGui::TextColored(kCurrent, "Now: %s", spec.title.c_str());
    if (ImGui::Button("Done (Space)"))
      mark(session, procedure::StepState::Done, shown, view, beamOn);
    // Side by side when they fit, else one under the other (large type).
    if (ImGui::GetContentRegionAvail().x > ImGui::GetItemRectSize().x + ImGui::CalcTextSize("Skip (Shift+Space)").x + 40)
      ImGui::SameLine();
    if (ImGui::Button("Skip (Shift+Space)"))
      mark(session, procedure::StepState::Skipped, shown, view, beamOn);
  } else {
    ImGui::TextColored(kGood, "every step is marked");
  }
  // What the last mark said (a required field, a full disk), where the buttons are.
  if (!message_.empty() && !caseDetailsOpen_) ImGui::TextColored(kWarn, "%s", message_.c_str());
  ImGui::Separator();
  const procedure::StepSpec& spec = r.protocol().steps[shownStep];
  ImGui::TextUnformatted(spec.title.c_str());
  if (!spec.hint.empty()) ImGui::TextWrapped("%s", spec.hint.c_str());
  stepFields(session, shownStep);
  ImGui::Separator();
  if (ImGui::Button("Write report")) {
    const core::Status status = session.writeReport();
    message_ = status ? "report.html and report.json written in the case folder" : status.message();
  }
  ImGui::SameLine();
  if (ImGui::Button("New case")) openNewCase();
}

void ProcedurePanel::handleKeys(procedure::ProcedureSession& session, const core::FrameRef& shown,
                                const render::RenderTarget& view, bool beamOn) {
  if (!dialogs::keysForImage()) return;
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) {
    mark(session, io.KeyShift ? procedure::StepState::Skipped : procedure::StepState::Done, shown,
         view, beamOn);
  }
  const size_t count = session.record().steps().size();
  const size_t from =
      shownStep_ == SIZE_MAX ? std::min(session.record().currentStep(), count - 1) : shownStep_;
  if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP) && from > 0) shownStep_ = from - 1;
  if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN) && from + 1 < count) shownStep_ = from + 1;
}

}  // namespace fg::app
