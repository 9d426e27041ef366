#pragma once
// The procedure panel: the protocol's steps with the current one standing out, each marked done
// or skipped (wall-clock time, frame id and fluoroscopy time; a snapshot of the image with its
// overlays attaches itself when an imaging step is marked while the beam is on), its fields and
// notes; the fluoroscopy time measured from the video stream; the case details; the report. Keys:
// Space marks the current step done, Shift+Space skips it, Page Up / Page Down choose the step
// shown. Every change goes through the ProcedureSession's journal first.

#include <string>
#include <utility>

#include "core/Frame.hpp"
#include "procedure/ProcedureSession.hpp"
#include "procedure/RecordReading.hpp"
#include "render/RenderTarget.hpp"

namespace fg::app {

class ProcedurePanel {
 public:
  // `view`: the image as shown (overlays included), for the snapshots; `beamOn`: new images are
  // arriving now.
  void draw(procedure::ProcedureSession& session, const core::FrameRef& shown,
            const render::RenderTarget& view, bool beamOn, int64_t nowNs);
  // Space / Shift+Space / Page Up / Page Down (ignored while a text field has focus).
  void handleKeys(procedure::ProcedureSession& session, const core::FrameRef& shown,
                  const render::RenderTarget& view, bool beamOn);
  // The case details and new-case dialogs, when open (beside the image, see SideDialog).
  void drawDialogs(procedure::ProcedureSession& session, const core::FrameRef& shown);
  void openCaseDetails(const procedure::ProcedureSession& session) {
    editing_ = session.caseInfo();
    caseDetailsOpen_ = true;
    message_.clear();
  }
  void openNewCase() { newCaseOpen_ = true; }
  const std::string& message() const { return message_; }
  // The user asked for a new case (a new procedure: fluoroscopy time from zero); taken once.
  bool takeNewCaseRequest() { return std::exchange(newCaseRequested_, false); }

 private:
  void mark(procedure::ProcedureSession& session, procedure::StepState state,
            const core::FrameRef& shown, const render::RenderTarget& view, bool beamOn);
  void stepFields(procedure::ProcedureSession& session, size_t step);

  void caseDetails(procedure::ProcedureSession& session);
  void drawSkipDialog(procedure::ProcedureSession& session, const core::FrameRef& shown);

  size_t shownStep_ = SIZE_MAX;  // SIZE_MAX: follow the current step
  procedure::CaseInfo editing_;  // the case details being edited
  int64_t observationStartNs_ = 0;
  bool newCaseRequested_ = false;
  bool caseDetailsOpen_ = false, newCaseOpen_ = false;
  std::string message_;  // the last problem (a required field, a full disk)
  char note_[256] = {};
  size_t skipDialogStep_ = SIZE_MAX;  // a required step waiting for the reason it is skipped
  size_t skipReasonFor_ = SIZE_MAX;   // the step whose reason was just given
  char skipReason_[200] = {};
};

// A replayed case's checklist and record as they were recorded: nothing can be marked or edited.
void drawRecordedCase(const procedure::RecordedCase& recorded);

}  // namespace fg::app
