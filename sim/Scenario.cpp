#include "sim/Scenario.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace fg::sim {
namespace {

using nlohmann::json;

class FieldError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads typed fields and rejects unknown ones, naming the field in every error.
class Reader {
 public:
  Reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) throw FieldError("field '" + (path_.empty() ? "<top level>" : path_) + "' must be an object");
  }
  ~Reader() noexcept(false) {
    if (std::uncaught_exceptions() > 0) return;
    for (const auto& [key, value] : j_.items()) {
      if (!seen_.count(key)) throw FieldError("unknown field '" + name(key) + "'");
    }
  }
  bool has(const std::string& key) {
    seen_.insert(key);
    return j_.contains(key);
  }
  double number(const std::string& key, double fallback, double lo, double hi) {
    if (!has(key)) return fallback;
    const json& v = j_.at(key);
    if (!v.is_number()) throw FieldError("field '" + name(key) + "' must be a number");
    const double d = v.get<double>();
    if (d < lo || d > hi) {
      std::ostringstream msg;
      msg << "field '" << name(key) << "' must be between " << lo << " and " << hi << " (is " << d << ")";
      throw FieldError(msg.str());
    }
    return d;
  }
  std::string text(const std::string& key, const std::string& fallback) {
    if (!has(key)) return fallback;
    if (!j_.at(key).is_string()) throw FieldError("field '" + name(key) + "' must be text");
    return j_.at(key).get<std::string>();
  }
  bool flag(const std::string& key, bool fallback) {
    if (!has(key)) return fallback;
    if (!j_.at(key).is_boolean()) throw FieldError("field '" + name(key) + "' must be true or false");
    return j_.at(key).get<bool>();
  }
  core::Vec3 vec3(const std::string& key) {
    if (!has(key)) return {};
    const json& v = j_.at(key);
    if (!v.is_array() || v.size() != 3 || !v[0].is_number() || !v[1].is_number() || !v[2].is_number()) {
      throw FieldError("field '" + name(key) + "' must be three numbers [x, y, z] in mm");
    }
    return {v[0].get<double>(), v[1].get<double>(), v[2].get<double>()};
  }
  Reader child(const std::string& key) {
    seen_.insert(key);
    return Reader(j_.at(key), name(key));
  }
  [[noreturn]] void fail(const std::string& key, const std::string& what) {
    throw FieldError("field '" + name(key) + "' " + what);
  }

 private:
  std::string name(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  const json& j_;
  std::string path_;
  std::set<std::string> seen_;
};

Scenario read(const json& j) {
  Scenario s;
  Reader r(j, "");
  if (!r.has("name")) r.fail("name", "is required");
  s.name = r.text("name", "");
  s.description = r.text("description", "");
  s.seed = static_cast<uint64_t>(r.number("seed", 1, 0, 4294967295.0));
  s.durationS = r.number("durationS", 30, 1, 3600);
  s.pulsesPerSecond = r.number("pulsesPerSecond", 7.5, 1, 30);
  if (s.pulsesPerSecond != 3.75 && s.pulsesPerSecond != 7.5 && s.pulsesPerSecond != 15 && s.pulsesPerSecond != 30) {
    r.fail("pulsesPerSecond", "must be 3.75, 7.5, 15 or 30");
  }
  const std::string view = r.text("view", "ap");
  const core::StandardView standard = core::parseStandardView(view);
  if (standard == core::StandardView::Invalid) r.fail("view", "must be ap, lateral, oblique-left, oblique-right or clo");
  s.pose = core::standardPose(standard);
  s.pose.secondaryDeg = r.number("secondaryDeg", 0, -45, 45);
  if (r.has("anatomy")) {
    Reader a = r.child("anatomy");
    s.anatomy.lumbarVertebrae = static_cast<int>(a.number("lumbarVertebrae", 5, 5, 6));
    s.anatomy.sacralisedL5 = a.flag("sacralisedL5", false);
    s.anatomy.twelfthRibs = a.flag("twelfthRibs", true) ? TwelfthRibs::Present : TwelfthRibs::Absent;
  }
  if (r.has("dose")) {
    Reader d = r.child("dose");
    s.tubeKv = d.number("tubeKv", 80, 60, 120);
    s.dose.photonsPerPixel = d.number("photonsPerPixel", 800, 20, 20000);
  }
  const std::string output = r.text("output", "detector");
  if (output == "detector") s.output = SimOutput::Detector;
  else if (output == "video") s.output = SimOutput::Video;
  else r.fail("output", "must be detector or video");
  s.videoRefreshHz = r.number("videoRefreshHz", 30, 25, 60);
  if (s.videoRefreshHz < s.pulsesPerSecond) r.fail("videoRefreshHz", "must be at least pulsesPerSecond");
  if (r.has("target")) {
    Reader t = r.child("target");
    s.interspace = t.text("interspace", "L4-5");
    const std::string approach = t.text("approach", "interlaminar");
    if (approach == "interlaminar") s.approach = Approach::Interlaminar;
    else if (approach == "transforaminal-left") s.approach = Approach::TransforaminalLeft;
    else if (approach == "transforaminal-right") s.approach = Approach::TransforaminalRight;
    else t.fail("approach", "must be interlaminar, transforaminal-left or transforaminal-right");
  }
  if (r.has("needle")) {
    Reader n = r.child("needle");
    s.needleStartS = n.number("startS", 1, 0, s.durationS);
    s.needleEndS = n.number("endS", 12, s.needleStartS, s.durationS);
    s.needleBendMm = n.number("bendMm", 1, -10, 10);
    s.needlePresent = n.flag("present", true);
  }
  if (r.has("injection")) {
    Reader in = r.child("injection");
    InjectionPlan plan;
    plan.pattern = parseContrastPattern(in.text("pattern", ""));
    if (plan.pattern == ContrastPattern::Invalid) {
      in.fail("pattern", "must be epidural, intravascular, intrathecal or subdural");
    }
    plan.startS = in.number("startS", s.needleEndS + 2, 0, s.durationS);
    plan.rateMlPerS = in.number("rateMlPerS", 0.5, 0.01, 10);
    plan.volumeMl = in.number("volumeMl", 3, 0.1, 20);
    s.injection = plan;
  }
  if (r.has("motion")) {
    Reader m = r.child("motion");
    MotionPlan motion;
    motion.startS = m.number("startS", 0, 0, s.durationS);
    motion.endS = m.number("endS", motion.startS + 1, motion.startS, s.durationS);
    motion.translationMm = m.vec3("translationMm");
    motion.rotationDeg = m.number("rotationDeg", 0, -20, 20);
    s.motion = motion;
  }
  return s;
}

}  // namespace

core::Result<Scenario> parseScenario(const std::string& jsonText, const std::string& sourceName) {
  try {
    return read(json::parse(jsonText));
  } catch (const FieldError& e) {
    return core::Status::error(core::StatusCode::Corrupt, "scenario " + sourceName + ": " + e.what());
  } catch (const json::exception& e) {
    return core::Status::error(core::StatusCode::Corrupt, "scenario " + sourceName + " is not valid JSON: " + e.what());
  }
}

core::Result<Scenario> loadScenario(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) {
    return core::Status::error(core::StatusCode::NotFound, "scenario file '" + path.string() + "' cannot be read");
  }
  std::stringstream text;
  text << in.rdbuf();
  return parseScenario(text.str(), path.filename().string());
}

}  // namespace fg::sim
