#include "sim/SimulatedPatient.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <opencv2/imgproc.hpp>

namespace fg::sim {
namespace {

constexpr int kVideoWidth = 1280, kVideoHeight = 1024;
constexpr double kMaskThresholdMuL = 0.03;  // 3 % attenuation

bool sameMotion(const core::RigidTransform& a, const core::RigidTransform& b) {
  for (size_t i = 0; i < 9; ++i) {
    if (std::abs(a.rotation.m[i] - b.rotation.m[i]) > 1e-9) return false;
  }
  return (a.translation - b.translation).norm() < 1e-6;
}

}  // namespace

core::Result<std::unique_ptr<SimulatedPatient>> SimulatedPatient::create(const Scenario& scenario) {
  auto phantom = buildSpinePhantom(scenario.anatomy);
  if (!phantom) return phantom.status();
  if (!phantom.value().interspace(scenario.interspace)) {
    return core::Status::error(core::StatusCode::OutOfRange,
                               "scenario " + scenario.name + ": field 'target.interspace' names '" +
                                   scenario.interspace + "', which this anatomy does not have");
  }
  return std::unique_ptr<SimulatedPatient>(
      new SimulatedPatient(scenario, std::move(phantom.value())));
}

SimulatedPatient::SimulatedPatient(const Scenario& scenario, SpinePhantom phantom)
    : scenario_(scenario),
      phantom_(std::move(phantom)),
      projector_(core::CarmGeometry(scenario.pose), scenario.tubeKv),
      former_(scenario.pose.detectorColumns, scenario.pose.detectorRows, scenario.dose,
              scenario.seed) {
  const Interspace& level = *phantom_.interspace(scenario.interspace);
  isocentreMm_ = {0, 0, level.posteriorEpiduralMm.z};
  needle_.startS = scenario.needleStartS;
  needle_.endS = scenario.needleEndS;
  needle_.bendMm = scenario.needleBendMm;
  needle_.present = scenario.needlePresent;
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
  detector_.assign(pixels, 0);
}

core::FrameFormat SimulatedPatient::format() const {
  core::FrameFormat f;
  const core::CarmGeometry g(scenario_.pose);
  if (scenario_.output == SimOutput::Video) {
    f.width = kVideoWidth;
    f.height = kVideoHeight;
    f.pixelFormat = core::PixelFormat::Gray8;
    f.bitsStored = 8;
    return f;  // a monitor feed carries no spacing and no orientation
  }
  f.width = projector_.width();
  f.height = projector_.height();
  f.pixelFormat = core::PixelFormat::Gray16;
  f.bitsStored = 12;
  f.mmPerPixelX = f.mmPerPixelY = scenario_.pose.detectorPixelMm;
  f.magnification = scenario_.pose.sourceToImageMm / scenario_.pose.sourceToObjectMm;
  f.orientation = g.orientation();
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

void SimulatedPatient::renderDetector(int index, std::span<uint16_t> out) {
  const double t = frameTimeS(index);
  const core::RigidTransform motion = motionAt(t);
  if (!haveStatic_ || !sameMotion(motion, staticMotion_)) {
    std::fill(staticMuL_.begin(), staticMuL_.end(), 0.0f);
    projector_.accumulate(phantom_.anatomy, motion, staticMuL_, projector_.fullImage());
    former_.setStatic(staticMuL_);
    staticMotion_ = motion;
    haveStatic_ = true;
  }
  const PixelBox box = dynamicMuL(t, motion, dynamicMuL_);
  former_.render(dynamicMuL_, box, static_cast<uint64_t>(index), out);
  // Leave the dynamic image clean for the next frame (only the touched box).
  if (!box.empty()) {
    for (int y = box.y0; y <= box.y1; ++y) {
      std::fill_n(dynamicMuL_.begin() + static_cast<long>(y) * projector_.width() + box.x0,
                  box.x1 - box.x0 + 1, 0.0f);
    }
  }
}

void SimulatedPatient::renderVideo(int index, std::span<uint8_t> out) {
  renderDetector(index, detector_);
  // The monitor shows the image windowed to 8 bits, inside a 1280x1024 signal, with text burned in.
  std::memset(out.data(), 0, out.size());
  cv::Mat frame(kVideoHeight, kVideoWidth, CV_8UC1, out.data());
  const int w = projector_.width(), h = projector_.height();
  const int x0 = (kVideoWidth - w) / 2, y0 = (kVideoHeight - h) / 2;
  // The C-arm's own window follows the image (automatic brightness): the darkest and brightest
  // half per cent of the picture are clipped, so a needle over bone stays visible.
  std::vector<uint16_t> samples;
  samples.reserve(detector_.size() / 64 + 1);
  for (size_t i = 0; i < detector_.size(); i += 64) samples.push_back(detector_[i]);
  std::sort(samples.begin(), samples.end());
  const double kLow = samples[samples.size() / 200];
  const double kHigh =
      std::max(kLow + 1.0, static_cast<double>(samples[samples.size() - 1 - samples.size() / 200]));
  for (int y = 0; y < h; ++y) {
    const uint16_t* src = detector_.data() + static_cast<size_t>(y) * w;
    uint8_t* dst = frame.ptr<uint8_t>(y0 + y) + x0;
    for (int x = 0; x < w; ++x) {
      dst[x] =
          static_cast<uint8_t>(std::clamp((src[x] - kLow) / (kHigh - kLow) * 255.0, 0.0, 255.0));
    }
  }
  // Synthetic identity, so de-identification can be tested on burned-in text.
  cv::putText(frame, "SIMULATED^PATIENT  ID SIM0001", {10, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.7, 255,
              2);
  cv::putText(frame, "2026-11-30", {10, 60}, cv::FONT_HERSHEY_SIMPLEX, 0.7, 255, 2);
  stampTimer(frameTimeS(index), out);
  char kv[32];
  std::snprintf(kv, sizeof kv, "%.0f kV", scenario_.tubeKv);
  cv::putText(frame, kv, {kVideoWidth - 230, 64}, cv::FONT_HERSHEY_SIMPLEX, 0.7, 255, 2);
}

void SimulatedPatient::stampTimer(double timeS, std::span<uint8_t> out) const {
  if (scenario_.output != SimOutput::Video) return;
  cv::Mat frame(kVideoHeight, kVideoWidth, CV_8UC1, out.data());
  frame(cv::Rect(kVideoWidth - 240, 0, 240, 40)).setTo(0);
  char timer[32];
  std::snprintf(timer, sizeof timer, "FL %d:%04.1f", static_cast<int>(timeS) / 60,
                std::fmod(timeS, 60.0));
  cv::putText(frame, timer, {kVideoWidth - 230, 30}, cv::FONT_HERSHEY_SIMPLEX, 0.9, 255, 2);
}

void SimulatedPatient::renderFrame(int index, std::span<uint8_t> out) {
  if (scenario_.output == SimOutput::Video) {
    renderVideo(index, out);
  } else {
    renderDetector(index, {reinterpret_cast<uint16_t*>(out.data()), out.size() / 2});
  }
}

FrameTruth SimulatedPatient::truth(int index) const {
  FrameTruth truth;
  truth.index = index;
  truth.timeS = frameTimeS(index);
  const core::RigidTransform motion = motionAt(truth.timeS);
  truth.motion = motion;
  const core::CarmGeometry& g = projector_.geometry();
  // Pixel positions are in the delivered frame: the video feed has the image inside a wider
  // picture.
  const core::FrameFormat f = format();
  const double offsetX = (f.width - projector_.width()) / 2.0,
               offsetY = (f.height - projector_.height()) / 2.0;
  const NeedleState needle = needleAt(needle_, truth.timeS);
  if (needle.present) {
    truth.needleVisible = true;
    truth.tipMm = motion.apply(needle.tipMm);
    truth.axisMm = motion.rotation * needle.directionMm;
    const auto tip = g.project(truth.tipMm);
    const auto back = g.project(truth.tipMm - truth.axisMm * 10.0);
    truth.tipXPx = tip.xPx + offsetX;
    truth.tipYPx = tip.yPx + offsetY;
    const double dx = tip.xPx - back.xPx, dy = tip.yPx - back.yPx, n = std::hypot(dx, dy);
    truth.axisXPx = n > 0 ? dx / n : 0;
    truth.axisYPx = n > 0 ? dy / n : 0;
  }
  for (const auto& v : phantom_.vertebrae) {
    const core::Vec3 c = motion.apply(v.centerMm);
    const auto p = g.project(c);
    truth.vertebrae.push_back({v.label, c, p.xPx + offsetX, p.yPx + offsetY});
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
  for (const Interspace& level : phantom_.interspaces) {
    out.push_back({level.label + " posterior epidural space", level.posteriorEpiduralMm});
    out.push_back({level.label + " left foramen", level.leftForamenMm});
    out.push_back({level.label + " right foramen", level.rightForamenMm});
  }
  return out;
}

ImagePoint SimulatedPatient::project(const core::Vec3& patientMm, int index) const {
  const core::FrameFormat f = format();
  const double offsetX = (f.width - projector_.width()) / 2.0,
               offsetY = (f.height - projector_.height()) / 2.0;
  const auto p = projector_.geometry().project(motionAt(frameTimeS(index)).apply(patientMm));
  return {p.xPx + offsetX, p.yPx + offsetY, p.depthMm > 0};
}

void SimulatedPatient::contrastMask(int index, std::vector<uint8_t>& mask) const {
  const size_t pixels = static_cast<size_t>(projector_.width()) * projector_.height();
  mask.assign(pixels, 0);
  if (!injection_) return;
  const double t = frameTimeS(index);
  const auto blobs = contrastAt(*injection_, t);
  if (blobs.empty()) return;
  std::vector<float> muL(pixels, 0.0f);
  projector_.accumulate(blobs, motionAt(t), muL, projector_.fullImage());
  for (size_t i = 0; i < pixels; ++i) mask[i] = muL[i] > kMaskThresholdMuL ? 255 : 0;
}

}  // namespace fg::sim
