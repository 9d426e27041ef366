#include "app/PlanFile.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>

#include "app/OutputFiles.hpp"
#include "procedure/CaseFiles.hpp"

namespace fg::app {
namespace fs = std::filesystem;
namespace {

constexpr int kPlanFileVersion = 1;

nlohmann::json point(const cv::Point2d& p) { return {p.x, p.y}; }

core::Status fieldError(const std::string& source, const std::string& field,
                        const std::string& what) {
  return core::Status::error(core::StatusCode::Corrupt, source + ": field '" + field + "' " + what);
}

// A point [x, y] of finite numbers at `field`, or none when absent.
core::Result<std::optional<cv::Point2d>> readPoint(const nlohmann::json& json,
                                                   const std::string& field,
                                                   const std::string& source) {
  if (!json.contains(field) || json[field].is_null()) return std::optional<cv::Point2d>{};
  const auto& v = json[field];
  if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
    return fieldError(source, field, "must be [x, y] in frame px");
  }
  return std::optional<cv::Point2d>(cv::Point2d(v[0].get<double>(), v[1].get<double>()));
}

}  // namespace

nlohmann::json planToJson(const PlanState& state, const guidance::LevelState& levels,
                          const render::ViewOrientation& orientation) {
  nlohmann::json out = {{"version", kPlanFileVersion}};
  out["display"] = {{"quarterTurnsClockwise", orientation.quarterTurns},
                    {"flipHorizontal", orientation.flipHorizontal},
                    {"flipVertical", orientation.flipVertical}};
  const guidance::TrajectoryPlan& p = state.plan();
  out["targetPx"] = p.targetPx ? point(*p.targetPx) : nlohmann::json();
  out["entryPx"] = p.entryPx ? point(*p.entryPx) : nlohmann::json();
  out["calibratedMmPerPx"] = state.calibratedMmPerPx();
  nlohmann::json markers = nlohmann::json::array();
  for (const auto& m : levels.markers)
    markers.push_back({{"label", m.label}, {"centerPx", point(m.centerPx)}});
  out["levels"] = {{"counting", guidance::nameOf(levels.counting)},
                   {"lumbarCount", levels.lumbarCount},
                   {"markers", markers}};
  if (const auto& t = state.timeOut()) {
    std::string side = toString(t->side);
    for (char& c : side) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out["timeOut"] = {{"level", t->level},
                      {"side", side},
                      {"confirmedAt", t->confirmedAt},
                      {"frameId", t->frameId}};
  }
  return out;
}

core::Result<SavedPlan> planFromJson(const nlohmann::json& json, const std::string& source) {
  if (!json.is_object())
    return core::Status::error(core::StatusCode::Corrupt, source + ": not a JSON object");
  if (!json.contains("version") || !json["version"].is_number_integer() ||
      json["version"].get<int>() != kPlanFileVersion) {
    return fieldError(source, "version", "must be " + std::to_string(kPlanFileVersion));
  }
  SavedPlan out;
  auto target = readPoint(json, "targetPx", source);
  if (!target) return target.status();
  auto entry = readPoint(json, "entryPx", source);
  if (!entry) return entry.status();
  out.plan = {target.value(), entry.value()};
  if (json.contains("calibratedMmPerPx")) {
    const auto& c = json["calibratedMmPerPx"];
    if (!c.is_number() || c.get<double>() < 0)
      return fieldError(source, "calibratedMmPerPx", "must be a number >= 0");
    out.calibratedMmPerPx = c.get<double>();
  }
  if (json.contains("levels")) {
    const auto& l = json["levels"];
    if (!l.is_object()) return fieldError(source, "levels", "must be an object");
    guidance::LevelRequest request;
    request.kind = guidance::LevelRequest::Kind::Markers;
    const std::string counting = l.value("counting", "invalid");
    request.counting = guidance::levelCountingFromName(counting);
    request.lumbarCount = l.value("lumbarCount", guidance::kUsualLumbarCount);
    if (request.lumbarCount < guidance::kMinLumbarCount ||
        request.lumbarCount > guidance::kMaxLumbarCount) {
      return fieldError(source, "levels.lumbarCount", "must be 4, 5 or 6");
    }
    if (!l.contains("markers") || !l["markers"].is_array())
      return fieldError(source, "levels.markers", "must be a list");
    for (const auto& m : l["markers"]) {
      const std::string label = m.is_object() ? m.value("label", "") : "";
      if (guidance::levelIndex(label, request.lumbarCount) < 0) {
        return fieldError(source, "levels.markers.label",
                          "'" + label + "' is not a level from T11 to S1");
      }
      auto centre = readPoint(m, "centerPx", source);
      if (!centre) return centre.status();
      if (!centre.value()) return fieldError(source, "levels.markers.centerPx", "is missing");
      request.markers.push_back({label, *centre.value()});
    }
    if (!request.markers.empty()) {
      if (request.counting == guidance::LevelCounting::Invalid) {
        return fieldError(source, "levels.counting", "must be sacrum, rib or manual");
      }
      out.levels = std::move(request);
    }
  }
  if (json.contains("timeOut")) {
    const auto& t = json["timeOut"];
    TimeOut timeOut;
    timeOut.level = t.is_object() ? t.value("level", "") : "";
    timeOut.side = sideFromName(t.is_object() ? t.value("side", "") : "");
    timeOut.confirmedAt = t.is_object() ? t.value("confirmedAt", "") : "";
    timeOut.frameId = t.is_object() ? t.value("frameId", uint64_t{0}) : 0;
    if (timeOut.level.empty()) return fieldError(source, "timeOut.level", "is missing");
    if (timeOut.side == Side::Invalid)
      return fieldError(source, "timeOut.side", "must be left, right, midline or bilateral");
    out.timeOut = timeOut;
  }
  if (json.contains("display")) {
    const auto& d = json["display"];
    if (!d.is_object()) return fieldError(source, "display", "must be an object");
    const auto turns = d.contains("quarterTurnsClockwise") ? d["quarterTurnsClockwise"] : nlohmann::json(0);
    if (!turns.is_number_integer() || turns.get<int>() < 0 || turns.get<int>() > 3)
      return fieldError(source, "display.quarterTurnsClockwise", "must be 0 to 3");
    for (const char* key : {"flipHorizontal", "flipVertical"})
      if (d.contains(key) && !d[key].is_boolean()) return fieldError(source, std::string("display.") + key, "must be true or false");
    out.orientation = {turns.get<int>(), d.value("flipHorizontal", false), d.value("flipVertical", false)};
  }
  return out;
}

core::Result<SavedPlan> readPlanFile(const fs::path& caseDir) {
  const fs::path file = caseDir / kPlanFileName;
  std::error_code ec;
  if (!fs::exists(file, ec))
    return core::Status::error(core::StatusCode::NotFound, file.string() + " does not exist");
  std::ifstream in(file);
  if (!in) return core::Status::error(core::StatusCode::Unreadable, "cannot read " + file.string());
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded()) {
    return core::Status::error(core::StatusCode::Corrupt,
                               file.string() + " is not valid JSON (damaged or cut short)");
  }
  return planFromJson(json, file.string());
}

core::Status writePlanFile(const fs::path& caseDir, const nlohmann::json& plan) {
  if (auto status = makePrivateDir(caseDir); !status) return status;
  return writeJson(plan, caseDir / kPlanFileName);
}

fs::path defaultCaseDir() {
  fs::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = fs::path(xdg) / "fluoroguide";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = fs::path(home) / ".local" / "share" / "fluoroguide";
  } else {
    base = fs::temp_directory_path() / "fluoroguide";
  }
  const std::string name = procedure::localTime("%Y%m%d-%H%M%S");
  // Never an existing case: two new cases in one second get -2, -3, ...
  fs::path dir = base / "cases" / name;
  std::error_code ec;
  for (int n = 2; fs::exists(dir, ec); ++n) dir = base / "cases" / (name + "-" + std::to_string(n));
  return dir;
}

}  // namespace fg::app
