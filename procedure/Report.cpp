#include "procedure/Report.hpp"

#include <cstdio>
#include <fstream>

namespace fg::procedure {
namespace {

std::string escapeHtml(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string minutes(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f min",
                static_cast<double>(static_cast<long long>(seconds / 6.0)) / 10.0);
  return text;
}

std::string valueText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  return v.dump();
}

}  // namespace

nlohmann::json reportJson(const CaseInfo& info, const ProcedureRecord& record) {
  nlohmann::json steps = nlohmann::json::array();
  for (size_t i = 0; i < record.steps().size(); ++i) {
    const StepSpec& spec = record.protocol().steps[i];
    const StepRecord& s = record.steps()[i];
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [id, value] : s.fields) fields[id] = value;
    steps.push_back({{"id", spec.id},
                     {"title", spec.title},
                     {"state", toString(s.state)},
                     {"wallTime", s.wallTime},
                     {"frameId", s.frameId},
                     {"fluoroS", s.fluoroS},
                     {"fields", fields},
                     {"notes", s.notes},
                     {"snapshots", s.snapshots}});
  }
  nlohmann::json alarms = nlohmann::json::array();
  for (const AlarmRecord& a : record.alarms()) {
    alarms.push_back({{"beamOnS", a.beamOnS},
                      {"raisedAt", a.raisedAt},
                      {"acknowledgedAt", a.acknowledgedAt},
                      {"acknowledgedBy", a.acknowledgedBy}});
  }
  nlohmann::json alerts = nlohmann::json::array();
  for (const AlertRecord& a : record.alerts()) {
    alerts.push_back({{"kind", a.kind},
                      {"detail", a.detail},
                      {"raisedAt", a.raisedAt},
                      {"raisedFrameId", a.raisedFrameId},
                      {"shownAt", a.shownAt},
                      {"shownFrameId", a.shownFrameId},
                      {"acknowledgedAt", a.acknowledgedAt},
                      {"acknowledgedFrameId", a.acknowledgedFrameId},
                      {"acknowledgedBy", a.acknowledgedBy}});
  }
  nlohmann::json out = {{"case", toJson(info)},
                        {"alerts", alerts},
                        {"protocol",
                         {{"id", record.protocol().id},
                          {"name", record.protocol().name},
                          {"version", record.protocol().version}}},
                        {"steps", steps},
                        {"fluoroscopy",
                         {{"beamOnS", record.beamOnS()},
                          {"source", "measured from the video stream"},
                          {"alarms", alarms}}},
                        {"endedAt", record.endedAt()},
                        {"observationFrom", record.observationFrom()}};
  if (const auto& t = record.timeOut()) {
    out["timeOut"] = {
        {"level", t->level}, {"side", t->side}, {"wallTime", t->wallTime}, {"frameId", t->frameId}};
  }
  return out;
}

std::string reportHtml(const CaseInfo& info, const ProcedureRecord& record) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
       escapeHtml(record.protocol().name) +
       " report</title>\n<style>"
       "body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse;width:"
       "100%}"
       "td,th{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}"
       ".skipped{color:#a60}.pending{color:#888}img{max-width:45%;margin:4px;border:1px solid #999}"
       "@media print{img{max-width:40%}}</style></head><body>\n";
  h += "<h1>" + escapeHtml(record.protocol().name) + "</h1>\n<table>";
  const std::pair<const char*, const std::string*> who[] = {
      {"Patient", &info.patientName},     {"Patient ID", &info.patientId},
      {"Date of birth", &info.birthDate}, {"Accession", &info.accession},
      {"Operator", &info.operatorName},   {"Site", &info.site},
      {"Case opened", &info.createdAt}};
  for (const auto& [label, value] : who)
    h += "<tr><th>" + std::string(label) + "</th><td>" + escapeHtml(*value) + "</td></tr>";
  h += "</table>\n<h2>Level and side</h2>\n";
  if (const auto& t = record.timeOut()) {
    h += "<p><b>" + escapeHtml(t->level) + " " + escapeHtml(t->side) +
         "</b>, confirmed at the time-out " + escapeHtml(t->wallTime) + " (frame " +
         std::to_string(t->frameId) + ")</p>\n";
  } else {
    h += "<p class=\"skipped\">No time-out was recorded.</p>\n";
  }
  h += "<h2>Fluoroscopy</h2>\n<p>Beam-on time " + minutes(record.beamOnS()) +
       " (measured from the video stream, not read from the C-arm).</p>\n";
  if (!record.alarms().empty()) {
    h +=
        "<table><tr><th>5-minute alarm at</th><th>raised</th><th>acknowledged</th><th>by</th></tr>";
    for (const AlarmRecord& a : record.alarms()) {
      h += "<tr><td>" + minutes(a.beamOnS) + "</td><td>" + escapeHtml(a.raisedAt) + "</td><td>" +
           escapeHtml(a.acknowledgedAt.empty() ? "not acknowledged" : a.acknowledgedAt) +
           "</td><td>" + escapeHtml(a.acknowledgedBy) + "</td></tr>";
    }
    h += "</table>\n";
  }
  h += "<h2>Alarms</h2>\n";
  if (record.alerts().empty()) {
    h += "<p>No alarm was raised.</p>\n";
  } else {
    h += "<table><tr><th>Alarm</th><th>Said</th><th>Raised (frame)</th><th>Shown (frame)</th>"
         "<th>Acknowledged (frame)</th><th>By</th></tr>\n";
    auto at = [](const std::string& time, uint64_t frame) {
      return time.empty() ? std::string("not yet") : escapeHtml(time) + " (" + std::to_string(frame) + ")";
    };
    for (const AlertRecord& a : record.alerts()) {
      h += "<tr><td>" + escapeHtml(a.kind) + "</td><td>" + escapeHtml(a.detail) + "</td><td>" +
           at(a.raisedAt, a.raisedFrameId) + "</td><td>" + at(a.shownAt, a.shownFrameId) + "</td><td>" +
           at(a.acknowledgedAt, a.acknowledgedFrameId) + "</td><td>" + escapeHtml(a.acknowledgedBy) +
           "</td></tr>\n";
    }
    h += "</table>\n";
  }
  h += "<h2>Steps</h2>\n<table><tr><th>Step</th><th>State</th><th>Time</th><th>Frame</"
       "th><th>Fluoro</th>"
       "<th>Recorded</th></tr>\n";
  std::vector<std::string> images;
  for (size_t i = 0; i < record.steps().size(); ++i) {
    const StepSpec& spec = record.protocol().steps[i];
    const StepRecord& s = record.steps()[i];
    std::string recorded;
    for (const FieldSpec& f : spec.fields) {
      const auto it = s.fields.find(f.id);
      if (it == s.fields.end()) continue;
      recorded += escapeHtml(f.label);
      recorded += ": ";
      recorded += escapeHtml(valueText(it->second));
      if (!f.unit.empty()) recorded.append(" ").append(escapeHtml(f.unit));
      recorded += "<br>";
    }
    for (const std::string& n : s.notes)
      recorded.append("<i>").append(escapeHtml(n)).append("</i><br>");
    const std::string state(toString(s.state));
    h += "<tr class=\"" + state + "\"><td>" + escapeHtml(spec.title) + "</td><td>" + state +
         "</td><td>" + escapeHtml(s.wallTime) + "</td><td>" +
         (s.frameId ? std::to_string(s.frameId) : "") + "</td><td>" +
         (s.state == StepState::Pending ? "" : minutes(s.fluoroS)) + "</td><td>" + recorded +
         "</td></tr>\n";
    images.insert(images.end(), s.snapshots.begin(), s.snapshots.end());
  }
  h += "</table>\n";
  if (!images.empty()) {
    h += "<h2>Key images</h2>\n<p>";
    for (const std::string& file : images)
      h += "<img src=\"" + escapeHtml(file) + "\" alt=\"" + escapeHtml(file) + "\">";
    h += "</p>\n";
  }
  if (!record.endedAt().empty())
    h += "<p>Procedure ended " + escapeHtml(record.endedAt()) + ".</p>\n";
  if (!record.observationFrom().empty())
    h += "<p>Observation from " + escapeHtml(record.observationFrom()) + ".</p>\n";
  h += "<p><small>FluoroGuide is not a medical device.</small></p></body></html>\n";
  return h;
}

core::Status writeReport(const std::filesystem::path& caseDir, const CaseInfo& info,
                         const ProcedureRecord& record) {
  if (auto status = writeJson(reportJson(info, record), caseDir / "report.json"); !status)
    return status;
  const std::filesystem::path html = caseDir / "report.html", temp = caseDir / "report.html.tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    std::error_code permissions;  // owner-only: the report names the patient
    std::filesystem::permissions(temp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, permissions);
    out << reportHtml(info, record);
    out.flush();
    if (!out)
      return core::Status::error(core::StatusCode::Io,
                                 "cannot write " + html.string() + " (disk full?)");
  }
  std::error_code ec;
  std::filesystem::rename(temp, html, ec);
  if (ec)
    return core::Status::error(core::StatusCode::Io,
                               "cannot write " + html.string() + ": " + ec.message());
  return core::Status::ok();
}

}  // namespace fg::procedure
