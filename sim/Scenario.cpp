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
  core::Vec3 pair(const std::string& key) {
    if (!has(key)) return {};
    const json& v = j_.at(key);
    if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
      throw FieldError("field '" + name(key) + "' must be two numbers [x, y] in pixels");
    }
    return {v[0].get<double>(), v[1].get<double>(), 0};
  }
  // The JSON under `key` ("" for this object), without marking anything read.
  const json& raw(const std::string& key) const { return key.empty() ? j_ : j_.at(key); }
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

void readAnatomy(Reader& r, Scenario& s, const json& j) {
  const json& value = j.at("anatomy");
  if (value.is_string()) {
    r.has("anatomy");
    const std::string model = value.get<std::string>();
    if (model == "phantom") s.model = AnatomyModel::Phantom;
    else if (model == "ct") s.model = AnatomyModel::Ct;
    else r.fail("anatomy", "must be phantom or ct (or an object with a model)");
    return;
  }
  Reader a = r.child("anatomy");
  const std::string model = a.text("model", "phantom");
  if (model == "phantom") s.model = AnatomyModel::Phantom;
  else if (model == "ct") s.model = AnatomyModel::Ct;
  else if (model == "radiograph") s.model = AnatomyModel::Radiograph;
  else a.fail("model", "must be phantom, ct or radiograph");
  s.anatomy.lumbarVertebrae = static_cast<int>(a.number("lumbarVertebrae", 5, 5, 6));
  s.anatomy.sacralisedL5 = a.flag("sacralisedL5", false);
  s.anatomy.twelfthRibs = a.flag("twelfthRibs", true) ? TwelfthRibs::Present : TwelfthRibs::Absent;
  if (s.model == AnatomyModel::Ct && (value.contains("lumbarVertebrae") || value.contains("sacralisedL5") ||
                                      value.contains("twelfthRibs"))) {
    a.fail("model", "ct is the anatomy of one real patient: lumbarVertebrae, sacralisedL5 and twelfthRibs are the phantom's");
  }
  if (s.model == AnatomyModel::Radiograph) {
    if (!a.has("image")) a.fail("image", "is required for a radiograph");
    s.radiograph.image = a.text("image", "");
    s.radiograph.pixelMm = a.number("pixelMm", 0.2, 0.02, 2);
    if (!a.has("targetPx")) a.fail("targetPx", "is required for a radiograph: where the target interspace is, [x, y]");
    const core::Vec3 target = a.pair("targetPx");
    s.radiograph.targetXPx = target.x;
    s.radiograph.targetYPx = target.y;
    if (a.has("vertebraePx")) {
      const json& list = value.at("vertebraePx");
      if (!list.is_object()) a.fail("vertebraePx", "must be an object of labels to [x, y]");
      for (const auto& [label, xy] : list.items()) {
        if (!xy.is_array() || xy.size() != 2 || !xy[0].is_number() || !xy[1].is_number()) {
          a.fail("vertebraePx." + label, "must be two numbers [x, y] in image pixels");
        }
        s.radiograph.vertebraePx.push_back({label, {xy[0].get<double>(), xy[1].get<double>()}});
      }
    }
  } else {
    for (const char* key : {"image", "pixelMm", "targetPx", "vertebraePx"}) {
      if (value.contains(key)) a.fail(key, "belongs to a radiograph (model radiograph)");
    }
  }
}

void readChain(Reader& r, Scenario& s) {
  Reader c = r.child("chain");
  const DetectorKind kind = parseDetectorKind(c.text("detector", "generic"));
  if (kind == DetectorKind::Invalid) c.fail("detector", "must be generic, flat-panel or image-intensifier");
  ImagingChain chain = defaultChain(kind);
  if (kind == DetectorKind::FlatPanel) {
    chain.pixelMm = c.number("pixelMm", chain.pixelMm, 0.15, 0.2);
  } else if (kind == DetectorKind::ImageIntensifier) {
    chain.fieldDiameterMm = c.number("fieldMm", chain.fieldDiameterMm, 120, 400);
    chain.pixelMm = chain.fieldDiameterMm / (0.96 * chain.columns);
    chain.vignetting = c.number("vignetting", chain.vignetting, 0, 0.6);
    chain.veilingGlare = c.number("veilingGlare", chain.veilingGlare, 0, 0.3);
    chain.pincushion = c.number("pincushion", 0, 0, 0.1);
  }
  for (const char* only : {"pixelMm", "fieldMm", "vignetting", "veilingGlare", "pincushion"}) {
    const bool panel = std::string(only) == "pixelMm";
    if (c.has(only) && ((panel && kind != DetectorKind::FlatPanel) ||
                        (!panel && kind != DetectorKind::ImageIntensifier))) {
      c.fail(only, panel ? "belongs to a flat-panel detector" : "belongs to an image-intensifier detector");
    }
  }
  chain.blurSigmaPx = c.number("blurSigmaPx", chain.blurSigmaPx, 0, 3);
  chain.noiseBeforeBlur = c.flag("noiseBeforeBlur", chain.noiseBeforeBlur);
  chain.electronicNoise = c.number("electronicNoise", chain.electronicNoise, 0, 50);
  chain.encoding = parsePixelEncoding(c.text("encoding", "log"));
  if (chain.encoding == PixelEncoding::Invalid) c.fail("encoding", "must be log, linear or video");
  chain.gamma = c.number("gamma", 2.2, 1, 3);
  chain.range = parseVideoRange(c.text("range", "full"));
  if (chain.range == VideoRange::Invalid) c.fail("range", "must be full or limited");
  const json& fields = r.raw("chain");
  const bool videoEncoding = chain.encoding == PixelEncoding::Video ||
                             (r.raw("").contains("output") && r.raw("").at("output") == "video");
  for (const char* key : {"gamma", "range"}) {
    if (fields.contains(key) && !videoEncoding) c.fail(key, "belongs to the video encoding (a log or linear value has none)");
  }
  chain.droppedFramesPercent = c.number("droppedFramesPercent", 0, 0, 20);
  if (c.has("collimator")) {
    Reader k = c.child("collimator");
    Collimation& col = chain.collimation;
    col.shape = parseFieldShape(k.text("shape", "none"));
    if (col.shape == FieldShape::Invalid) k.fail("shape", "must be none, circle or rectangle");
    const double span = std::max(chain.columns, chain.rows) * chain.pixelMm;
    col.diameterMm = k.number("diameterMm", span * 0.8, 10, span * 1.5);
    col.widthMm = k.number("widthMm", span * 0.8, 10, span * 1.5);
    col.heightMm = k.number("heightMm", span * 0.8, 10, span * 1.5);
    col.shutterLeftMm = k.number("shutterLeftMm", 0, 0, span / 2);
    col.shutterRightMm = k.number("shutterRightMm", 0, 0, span / 2);
    col.wedge = parseEdge(k.text("wedge", "none"));
    if (col.wedge == Edge::Invalid) k.fail("wedge", "must be none, left, right, top or bottom");
    col.wedgeWidthMm = k.number("wedgeWidthMm", span / 4, 1, span);
    col.wedgeAttenuation = k.number("wedgeAttenuation", 1.0, 0, 5);
  }
  s.chain = chain;
}

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
  if (r.has("anatomy")) readAnatomy(r, s, j);
  if (r.has("chain")) readChain(r, s);
  const std::string output = r.text("output", "detector");
  if (output == "detector") s.output = SimOutput::Detector;
  else if (output == "video") s.output = SimOutput::Video;
  else r.fail("output", "must be detector or video");
  if (s.output == SimOutput::Video) {
    // The monitor shows the windowed picture: a video signal is always the video encoding.
    if (s.chain.encoding != PixelEncoding::Video && r.has("chain") && j.at("chain").contains("encoding")) {
      r.fail("chain", "encoding must be video (or left out) when output is video");
    }
    s.chain.encoding = PixelEncoding::Video;
  }
  if (r.has("video")) {
    if (s.output != SimOutput::Video) r.fail("video", "belongs to the video output (output is detector)");
    Reader v = r.child("video");
    const std::string size = v.text("size", "1280x1024");
    if (size == "1280x1024") s.video.width = 1280, s.video.height = 1024;
    else if (size == "1920x1080") s.video.width = 1920, s.video.height = 1080;
    else v.fail("size", "must be 1280x1024 or 1920x1080");
    s.video.text = parseTextLevel(v.text("text", "white"));
    if (s.video.text == TextLevel::Invalid) v.fail("text", "must be white, limited-white or none");
    s.video.marker = v.flag("marker", false);
  }
  if (r.has("dose")) {
    Reader d = r.child("dose");
    s.tubeKv = d.number("tubeKv", 80, 60, 120);
    s.dose.photonsPerPixel = d.number("photonsPerPixel", 800, 20, 20000);
    if (d.has("detectorNGyPerPulse")) {
      if (j.at("dose").contains("photonsPerPixel")) d.fail("detectorNGyPerPulse", "and photonsPerPixel cannot both be given");
      // RQA5-like beam: about 30 quanta per mm^2 per nGy at the detector (IEC 62220-1).
      const double nGy = d.number("detectorNGyPerPulse", 30, 1, 2000);
      s.dose.photonsPerPixel = nGy * 30.0 * s.chain.pixelMm * s.chain.pixelMm;
      // The noise model (Gaussian, variance = mean) holds from about 20 quanta per pixel.
      if (s.dose.photonsPerPixel < 20) {
        std::ostringstream msg;
        msg << "gives " << s.dose.photonsPerPixel << " quanta per pixel at " << s.chain.pixelMm
            << " mm, below the 20 the simulator's noise model holds for";
        d.fail("detectorNGyPerPulse", msg.str());
      }
    }
  }
  s.pose.detectorColumns = s.chain.columns;
  s.pose.detectorRows = s.chain.rows;
  s.pose.detectorPixelMm = s.chain.pixelMm;
  s.videoRefreshHz = r.number("videoRefreshHz", 30, 25, 60);
  if (s.videoRefreshHz < s.pulsesPerSecond) r.fail("videoRefreshHz", "must be at least pulsesPerSecond");
  if (s.model == AnatomyModel::Radiograph && standard != core::StandardView::AP) {
    r.fail("view", "must be ap for a radiograph as anatomy (the image is one AP view)");
  }
  if (s.model == AnatomyModel::Radiograph && s.pose.secondaryDeg != 0) {
    r.fail("secondaryDeg", "must be 0 for a radiograph as anatomy (the image is one untilted AP view)");
  }
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
    s.needleKind = parseNeedleKind(n.text("kind", "spinal"));
    if (s.needleKind == NeedleKind::Invalid) n.fail("kind", "must be spinal or k-wire");
    s.needleGauge = static_cast<int>(n.number("gauge", 22, 18, 25));
    if (!knownGauge(s.needleGauge)) n.fail("gauge", "must be 18, 20, 22 or 25");
    s.needleStylet = n.flag("stylet", false);
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
    if (s.model == AnatomyModel::Radiograph && motion.rotationDeg != 0) {
      m.fail("rotationDeg", "must be 0 for a radiograph as anatomy (it can only shift in its plane)");
    }
    s.motion = motion;
  }
  return s;
}

}  // namespace

std::string_view toString(AnatomyModel model) {
  switch (model) {
    case AnatomyModel::Phantom: return "phantom";
    case AnatomyModel::Ct: return "ct";
    case AnatomyModel::Radiograph: return "radiograph";
    case AnatomyModel::Invalid: break;
  }
  return "invalid";
}

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
  auto scenario = parseScenario(text.str(), path.filename().string());
  if (scenario && scenario.value().model == AnatomyModel::Radiograph && scenario.value().radiograph.image.is_relative()) {
    scenario.value().radiograph.image = path.parent_path() / scenario.value().radiograph.image;
  }
  return scenario;
}

}  // namespace fg::sim
