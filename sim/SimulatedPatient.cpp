#include "sim/SimulatedPatient.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "sim/CtPatient.hpp"
#include "sim/Hash.hpp"
#include "sim/PhantomAnatomy.hpp"
#include "sim/RadiographAnatomy.hpp"

namespace fg::sim {
namespace {

constexpr double kMaskThresholdMuL = 0.03;  // 3 % attenuation
constexpr double kAirKermaMGyPerPulse = 0.012;  // at the patient's skin, a typical low-dose pulse

core::Result<std::unique_ptr<Anatomy>> makeAnatomy(const Scenario& scenario) {
  switch (scenario.model) {
    case AnatomyModel::Ct: {
      auto ct = bundledCt();
      if (!ct) return ct.status();
      auto patient = CtPatient::create(ct.value(), scenario.tubeKv);
      if (!patient) return patient.status();
      return std::unique_ptr<Anatomy>(std::move(patient.value()));
    }
    case AnatomyModel::Radiograph: {
      auto patient = RadiographAnatomy::create(scenario.radiograph, scenario.interspace, scenario.pose, scenario.tubeKv);
      if (!patient) return patient.status();
      return std::unique_ptr<Anatomy>(std::move(patient.value()));
    }
    default: {
      auto phantom = PhantomAnatomy::create(scenario.anatomy);
      if (!phantom) return phantom.status();
      return std::unique_ptr<Anatomy>(std::move(phantom.value()));
    }
  }
}

// A scan that ends inside the field would show where it ends: a sharp edge no patient has. Every
// ray along the detector's border must leave the scanned body's sides, not its top or bottom.
core::Status checkCoverage(const Scenario& scenario, const Anatomy& anatomy, const core::Vec3& isocentre) {
  core::Vec3 lo, hi;
  if (!anatomy.scannedBox(lo, hi)) return core::Status::ok();
  const core::CarmGeometry g(scenario.pose);
  const core::Vec3 source = g.sourceMm() + isocentre;
  const int w = scenario.pose.detectorColumns, h = scenario.pose.detectorRows;
  double worstLow = 1e30, worstHigh = -1e30;
  for (int i = 0; i <= 64; ++i) {
    const double t = i / 64.0;
    const double edge[4][2] = {{t * (w - 1), 0}, {t * (w - 1), h - 1.0}, {0, t * (h - 1)}, {w - 1.0, t * (h - 1)}};
    for (const auto& px : edge) {
      const core::Vec3 d = g.rayThroughPixel(px[0], px[1]);
      // The part of the ray between the box's sides (x and y).
      double s0 = 0, s1 = 1e30;
      const double o[2] = {source.x, source.y}, dd[2] = {d.x, d.y}, l[2] = {lo.x, lo.y}, u[2] = {hi.x, hi.y};
      bool misses = false;
      for (int a = 0; a < 2; ++a) {
        if (std::abs(dd[a]) < 1e-12) {
          if (o[a] < l[a] || o[a] > u[a]) misses = true;
          continue;
        }
        double t0 = (l[a] - o[a]) / dd[a], t1 = (u[a] - o[a]) / dd[a];
        if (t0 > t1) std::swap(t0, t1);
        s0 = std::max(s0, t0);
        s1 = std::min(s1, t1);
      }
      if (misses || s1 <= s0) continue;
      for (double s : {s0, s1}) {
        const double z = source.z + d.z * s;
        worstLow = std::min(worstLow, z);
        worstHigh = std::max(worstHigh, z);
      }
    }
  }
  if (worstLow >= lo.z && worstHigh <= hi.z) return core::Status::ok();
  char text[320];
  std::snprintf(text, sizeof text,
                "the CT covers %.0f to %.0f mm (head-feet); this view of %s sees %.0f to %.0f mm, so the "
                "image would show where the scan ends: choose a level nearer the middle of the scan, "
                "less tilt or a smaller detector",
                lo.z, hi.z, scenario.interspace.c_str(), worstLow, worstHigh);
  return core::Status::error(core::StatusCode::OutOfRange, "field 'target.interspace': " + std::string(text));
}

}  // namespace

core::Result<std::unique_ptr<SimulatedPatient>> SimulatedPatient::create(const Scenario& scenario) {
  auto anatomy = makeAnatomy(scenario);
  if (!anatomy) {
    return core::Status::error(anatomy.status().code(), "scenario " + scenario.name + ": " + anatomy.status().message());
  }
  if (!anatomy.value()->interspace(scenario.interspace)) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "scenario " + scenario.name + ": field 'target.interspace' names '" +
                                   scenario.interspace + "', which this anatomy does not have");
  }
  if (auto covered = checkCoverage(scenario, *anatomy.value(), anatomy.value()->interspace(scenario.interspace)->isocentreMm);
      !covered.isOk()) {
    return core::Status::error(covered.code(), "scenario " + scenario.name + ": " + covered.message());
  }
  return std::unique_ptr<SimulatedPatient>(new SimulatedPatient(scenario, std::move(anatomy.value())));
}

SimulatedPatient::~SimulatedPatient() = default;

SimulatedPatient::SimulatedPatient(const Scenario& scenario, std::unique_ptr<Anatomy> anatomy)
    : scenario_(scenario),
      anatomy_(std::move(anatomy)),
      projector_(core::CarmGeometry(scenario.pose), scenario.tubeKv),
      former_(scenario.chain, scenario.dose, scenario.seed) {
  const Interspace& level = *anatomy_->interspace(scenario.interspace);
  isocentreMm_ = level.isocentreMm;
  needle_.startS = scenario.needleStartS;
  needle_.endS = scenario.needleEndS;
  needle_.bendMm = scenario.needleBendMm;
  needle_.present = scenario.needlePresent;
  sizeNeedle(needle_, scenario.needleKind, scenario.needleGauge, scenario.needleStylet);
  switch (scenario.approach) {
    case Approach::TransforaminalLeft:
      needle_.targetMm = level.leftForamenMm;
      needle_.entryMm = level.leftForamenMm + core::Vec3{55, 75, 8};
      break;
    case Approach::TransforaminalRight:
      needle_.targetMm = level.rightForamenMm;
      needle_.entryMm = level.rightForamenMm + core::Vec3{-55, 75, 8};
      break;
    default:  // interlaminar, paramedian from slightly below
      needle_.targetMm = level.posteriorEpiduralMm + core::Vec3{2, 0, 0};
      needle_.entryMm = level.posteriorEpiduralMm + core::Vec3{8, 65, -22};
      break;
  }
  if (scenario.injection) {
    injection_ = *scenario.injection;
    injection_->siteMm = needle_.targetMm;
    injection_->side = scenario.approach == Approach::TransforaminalRight ? -1 : 1;
  }
  const size_t pixels = static_cast<size_t>(projector_.width()) * projector_.height();
  staticMuL_.assign(pixels, 0.0f);
  dynamicMuL_.assign(pixels, 0.0f);
  if (scenario.output == SimOutput::Video) {
    video_.emplace(scenario.video, projector_.width(), projector_.height(), scenario.chain.range);
    detector8_.assign(pixels, 0);
  }
}

core::FrameFormat SimulatedPatient::format() const {
  core::FrameFormat f;
  if (video_) {
    f.width = video_->width();
    f.height = video_->height();
    f.pixelFormat = core::PixelFormat::Gray8;
    f.bitsStored = 8;
    f.intensity = core::PixelIntensity::Display;
    f.displayGamma = scenario_.chain.gamma;  // the simulator knows the gamma it encoded with
    return f;  // a monitor feed carries no spacing and no orientation
  }
  f.width = projector_.width();
  f.height = projector_.height();
  if (former_.bytesPerPixel() == 1) {
    f.pixelFormat = core::PixelFormat::Gray8;
    f.bitsStored = 8;
  } else {
    f.pixelFormat = core::PixelFormat::Gray16;
    f.bitsStored = scenario_.chain.bitsStored;
  }
  switch (scenario_.chain.encoding) {
    case PixelEncoding::Linear: f.intensity = core::PixelIntensity::Linear; break;
    case PixelEncoding::Video:
      f.intensity = core::PixelIntensity::Display;
      f.displayGamma = scenario_.chain.gamma;
      break;
    default: f.intensity = core::PixelIntensity::Log; break;
  }
  f.mmPerPixelX = f.mmPerPixelY = scenario_.pose.detectorPixelMm;
  f.magnification = scenario_.pose.sourceToImageMm / scenario_.pose.sourceToObjectMm;
  f.orientation = projector_.geometry().orientation();
  return f;
}

int SimulatedPatient::frameCount() const {
  return static_cast<int>(std::floor(scenario_.durationS * scenario_.pulsesPerSecond));
}

core::RigidTransform SimulatedPatient::motionAt(double timeS) const {
  core::RigidTransform centring{core::Mat3::identity(), isocentreMm_ * -1.0};
  if (!scenario_.motion) return centring;
  const MotionPlan& m = *scenario_.motion;
  const double t = std::clamp((timeS - m.startS) / std::max(m.endS - m.startS, 1e-6), 0.0, 1.0);
  // Rotation about the anterior-posterior axis through the target (the patient turning on the
  // table, in the table's plane), plus translation.
  const core::RigidTransform moved{
      core::Mat3::rotation({0, 1, 0}, core::degToRad(m.rotationDeg * t)), m.translationMm * t};
  return moved * centring;
}

bool SimulatedPatient::moving(double timeS) const {
  return scenario_.motion && timeS > scenario_.motion->startS && timeS < scenario_.motion->endS;
}

PixelBox SimulatedPatient::dynamicMuL(double timeS, const core::RigidTransform& motion,
                                      std::vector<float>& muL) const {
  PixelBox box{projector_.width(), projector_.height(), -1, -1};
  auto grow = [&](const PixelBox& b) {
    if (b.empty()) return;
    box = {std::min(box.x0, b.x0), std::min(box.y0, b.y0), std::max(box.x1, b.x1),
           std::max(box.y1, b.y1)};
  };
  if (injection_) {
    const auto blobs = contrastAt(*injection_, timeS);
    for (const auto& e : blobs) grow(projector_.footprint(e, motion));
    if (!box.empty()) projector_.accumulate(blobs, motion, muL, box);
  }
  grow(projectNeedle(needleAt(needle_, timeS), needle_, projector_, motion, muL));
  return box;
}

void SimulatedPatient::renderDetector(int index, std::span<uint8_t> out) {
  const double t = frameTimeS(index);
  const core::RigidTransform motion = motionAt(t);
  const bool quick = moving(t);
  if (!haveStatic_ || !core::nearlyEqual(motion, staticMotion_) || quick != staticQuick_) {
    former_.clearStatic();
    staticMotion_ = motion;
    staticQuick_ = quick;
    haveStatic_ = true;
  }
  const int phase = anatomy_->phaseAt(t);
  if (!former_.hasStatic(phase)) {
    anatomy_->project(projector_, motion, phase, quick, staticMuL_);
    former_.setStatic(phase, staticMuL_);
  }
  const PixelBox box = dynamicMuL(t, motion, dynamicMuL_);
  former_.render(phase, dynamicMuL_, box, static_cast<uint64_t>(index), out);
  // Leave the dynamic image clean for the next frame (only the touched box).
  if (!box.empty()) {
    for (int y = box.y0; y <= box.y1; ++y) {
      std::fill_n(dynamicMuL_.begin() + static_cast<long>(y) * projector_.width() + box.x0,
                  box.x1 - box.x0 + 1, 0.0f);
    }
  }
}

BurnedIn SimulatedPatient::burnedIn(double timeS) const {
  BurnedIn text;
  text.timeS = timeS;
  text.doseMGy = std::floor(timeS * scenario_.pulsesPerSecond + 1e-9) * kAirKermaMGyPerPulse;
  text.tubeKv = scenario_.tubeKv;
  text.marker = std::string(projector_.geometry().orientation().row.letters().substr(0, 1));
  return text;
}

void SimulatedPatient::renderVideo(int index, std::span<uint8_t> out) {
  renderDetector(index, detector8_);
  video_->compose(detector8_, burnedIn(frameTimeS(index)), out);
}

void SimulatedPatient::stampTimer(double timeS, std::span<uint8_t> out) const {
  if (video_) video_->stampTimer(burnedIn(timeS), out);
}

bool SimulatedPatient::dropsRefresh(int64_t refresh) const {
  const double percent = scenario_.chain.droppedFramesPercent;
  if (percent <= 0 || refresh == 0) return false;
  return static_cast<double>(mix(scenario_.seed * 7919 + static_cast<uint64_t>(refresh)) % 10000) < percent * 100;
}

void SimulatedPatient::renderFrame(int index, std::span<uint8_t> out) {
  if (video_) renderVideo(index, out);
  else renderDetector(index, out);
}

void SimulatedPatient::toFrame(double& xPx, double& yPx) const {
  former_.distort(xPx, yPx);
  if (video_) {
    xPx = video_->toSignalX(xPx);
    yPx = video_->toSignalY(yPx);
  }
}

FrameTruth SimulatedPatient::truth(int index) const {
  FrameTruth truth;
  truth.index = index;
  truth.timeS = frameTimeS(index);
  const core::RigidTransform motion = motionAt(truth.timeS);
  truth.motion = motion;
  const core::CarmGeometry& g = projector_.geometry();
  const NeedleState needle = needleAt(needle_, truth.timeS);
  if (needle.present) {
    truth.needleVisible = true;
    truth.tipMm = motion.apply(needle.tipMm);
    truth.axisMm = motion.rotation * needle.directionMm;
    const auto tip = g.project(truth.tipMm);
    const auto back = g.project(truth.tipMm - truth.axisMm * 10.0);
    double dtx = tip.xPx, dty = tip.yPx;
    former_.distort(dtx, dty);
    const int fx = static_cast<int>(std::lround(dtx)), fy = static_cast<int>(std::lround(dty));
    truth.tipInField = fx >= 0 && fy >= 0 && fx < projector_.width() && fy < projector_.height() &&
                       former_.inField(fx, fy);
    double x0 = tip.xPx, y0 = tip.yPx, x1 = back.xPx, y1 = back.yPx;
    toFrame(x0, y0);
    toFrame(x1, y1);
    truth.tipXPx = x0;
    truth.tipYPx = y0;
    const double dx = x0 - x1, dy = y0 - y1, n = std::hypot(dx, dy);
    truth.axisXPx = n > 0 ? dx / n : 0;
    truth.axisYPx = n > 0 ? dy / n : 0;
  }
  for (const auto& v : anatomy_->vertebrae()) {
    const core::Vec3 c = motion.apply(v.centerMm);
    const auto p = g.project(c);
    double x = p.xPx, y = p.yPx;
    toFrame(x, y);
    truth.vertebrae.push_back({v.label, c, x, y});
  }
  if (injection_) {
    truth.contrastMl = injectedMl(*injection_, truth.timeS);
    truth.pattern = injection_->pattern;
  }
  return truth;
}

std::vector<PlanPoint> SimulatedPatient::planPoints() const {
  std::vector<PlanPoint> out;
  out.push_back({"needle target of this case", needle_.targetMm});
  out.push_back({"skin entry of this case", needle_.entryMm});
  for (const Interspace& level : anatomy_->interspaces()) {
    out.push_back({level.label + " posterior epidural space", level.posteriorEpiduralMm});
    out.push_back({level.label + " left foramen", level.leftForamenMm});
    out.push_back({level.label + " right foramen", level.rightForamenMm});
  }
  return out;
}

ImagePoint SimulatedPatient::project(const core::Vec3& patientMm, int index) const {
  const auto p = projector_.geometry().project(motionAt(frameTimeS(index)).apply(patientMm));
  double x = p.xPx, y = p.yPx;
  toFrame(x, y);
  return {x, y, p.depthMm > 0};
}

double SimulatedPatient::maskScale() const { return video_ ? video_->scale() : 1.0; }

std::array<int, 2> SimulatedPatient::maskOffsetPx() const {
  return video_ ? std::array<int, 2>{video_->offsetX(), video_->offsetY()} : std::array<int, 2>{0, 0};
}

void SimulatedPatient::contrastMask(int index, std::vector<uint8_t>& mask) const {
  const int w = projector_.width(), h = projector_.height();
  const size_t pixels = static_cast<size_t>(w) * h;
  mask.assign(pixels, 0);
  if (!injection_) return;
  const double t = frameTimeS(index);
  const auto blobs = contrastAt(*injection_, t);
  if (blobs.empty()) return;
  std::vector<float> muL(pixels, 0.0f);
  projector_.accumulate(blobs, motionAt(t), muL, projector_.fullImage());
  former_.distortImage(muL);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const size_t i = static_cast<size_t>(y) * w + x;
      mask[i] = muL[i] > kMaskThresholdMuL && former_.inField(x, y) ? 255 : 0;
    }
  }
}

}  // namespace fg::sim
