#include "procedure/ProcedureRecord.hpp"

#include <algorithm>

namespace fg::procedure {
namespace {
core::Status refused(const std::string& why) {
  return core::Status::error(core::StatusCode::Corrupt, why);
}
std::string text(const nlohmann::json& event, const char* key) {
  return event.contains(key) && event[key].is_string() ? event[key].get<std::string>()
                                                       : std::string();
}
}  // namespace

std::string_view toString(StepState state) {
  switch (state) {
    case StepState::Pending:
      return "pending";
    case StepState::Done:
      return "done";
    case StepState::Skipped:
      return "skipped";
    case StepState::Invalid:
      break;
  }
  return "invalid";
}

ProcedureRecord::ProcedureRecord(Protocol protocol)
    : protocol_(std::move(protocol)), steps_(protocol_.steps.size()) {}

int ProcedureRecord::stepOf(const nlohmann::json& event, core::Status* error) const {
  const std::string id = text(event, "step");
  const int index = protocol_.stepIndex(id);
  if (index < 0)
    *error = refused("event names step '" + id + "', which protocol " + protocol_.id + " has not");
  return index;
}

core::Status ProcedureRecord::apply(const nlohmann::json& event) {
  if (!event.is_object()) return refused("an event must be a JSON object");
  const std::string type = text(event, "type");
  core::Status error = core::Status::ok();
  if (type == "step") {
    const int i = stepOf(event, &error);
    if (i < 0) return error;
    const std::string status = text(event, "status");
    if (status != "done" && status != "skipped")
      return refused("step event: status '" + status + "' is not done or skipped");
    StepRecord& s = steps_[static_cast<size_t>(i)];
    s.state = status == "done" ? StepState::Done : StepState::Skipped;
    s.wallTime = text(event, "wallTime");
    s.frameId = event.value("frameId", uint64_t{0});
    s.fluoroS = event.value("fluoroS", 0.0);
    if (const std::string snap = text(event, "snapshot"); !snap.empty())
      s.snapshots.push_back(snap);
  } else if (type == "field") {
    const int i = stepOf(event, &error);
    if (i < 0) return error;
    const std::string field = text(event, "field");
    const auto& specs = protocol_.steps[static_cast<size_t>(i)].fields;
    const auto spec =
        std::find_if(specs.begin(), specs.end(), [&](const FieldSpec& f) { return f.id == field; });
    if (spec == specs.end())
      return refused("field event: step '" + text(event, "step") + "' has no field '" + field +
                     "'");
    if (!event.contains("value")) return refused("field event: no value for '" + field + "'");
    steps_[static_cast<size_t>(i)].fields[field] = event["value"];
  } else if (type == "note") {
    const int i = stepOf(event, &error);
    if (i < 0) return error;
    steps_[static_cast<size_t>(i)].notes.push_back(text(event, "text"));
  } else if (type == "snapshot") {
    const int i = stepOf(event, &error);
    if (i < 0) return error;
    steps_[static_cast<size_t>(i)].snapshots.push_back(text(event, "file"));
  } else if (type == "timeout") {
    timeOut_ = TimeOutRecord{text(event, "level"), text(event, "side"), text(event, "wallTime"),
                             event.value("frameId", uint64_t{0})};
  } else if (type == "fluoro") {
    beamOnS_ = std::max(beamOnS_, event.value("beamOnS", 0.0));
  } else if (type == "alarm") {
    alarms_.push_back({event.value("beamOnS", 0.0), text(event, "wallTime"), "", ""});
  } else if (type == "acknowledge") {
    if (alarms_.empty() || !alarms_.back().acknowledgedAt.empty())
      return refused("acknowledge event: no alarm stands");
    alarms_.back().acknowledgedAt = text(event, "wallTime");
    alarms_.back().acknowledgedBy = text(event, "by");
  } else if (type == "alert") {
    return applyAlert(event);
  } else if (type == "end") {
    endedAt_ = text(event, "wallTime");
  } else if (type == "observation") {
    observationFrom_ = text(event, "wallTime");
  } else {
    return refused("unknown event type '" + type + "'");
  }
  return core::Status::ok();
}

core::Status ProcedureRecord::applyAlert(const nlohmann::json& event) {
  const std::string kind = text(event, "kind"), what = text(event, "event");
  if (kind.empty()) return refused("alert event: no kind");
  const uint64_t frameId = event.value("frameId", uint64_t{0});
  if (what == "raised") {
    AlertRecord a;
    a.kind = kind;
    a.detail = text(event, "detail");
    a.raisedAt = text(event, "wallTime");
    a.raisedFrameId = frameId;
    alerts_.push_back(std::move(a));
    return core::Status::ok();
  }
  // Shown and acknowledged belong to the newest alert of that kind not yet acknowledged.
  const auto it = std::find_if(alerts_.rbegin(), alerts_.rend(), [&](const AlertRecord& a) {
    return a.kind == kind && a.acknowledgedAt.empty();
  });
  if (it == alerts_.rend()) return refused("alert event: no '" + kind + "' alert stands");
  if (what == "shown") {
    if (it->shownAt.empty()) {
      it->shownAt = text(event, "wallTime");
      it->shownFrameId = frameId;
    }
  } else if (what == "acknowledged") {
    it->acknowledgedAt = text(event, "wallTime");
    it->acknowledgedFrameId = frameId;
    it->acknowledgedBy = text(event, "by");
  } else {
    return refused("alert event: unknown event '" + what + "'");
  }
  return core::Status::ok();
}

size_t ProcedureRecord::currentStep() const {
  for (size_t i = 0; i < steps_.size(); ++i) {
    if (steps_[i].state == StepState::Pending) return i;
  }
  return steps_.size();
}

std::vector<std::string> ProcedureRecord::missingFields(size_t step) const {
  std::vector<std::string> out;
  if (step >= steps_.size()) return out;
  for (const FieldSpec& f : protocol_.steps[step].fields) {
    if (!f.required) continue;
    const auto it = steps_[step].fields.find(f.id);
    const bool empty = it == steps_[step].fields.end() || it->second.is_null() ||
                       (it->second.is_string() && it->second.get<std::string>().empty());
    if (empty) out.push_back(f.label);
  }
  return out;
}

}  // namespace fg::procedure
