#pragma once
// A simulated case as data (assets/scenarios/*.json). Every field is optional except "name";
// an unknown or ill-typed field is an error that names it. Fields:
//   name, description            text
//   seed                         integer; everything random follows from it
//   durationS                    length of the case in seconds
//   pulsesPerSecond              3.75, 7.5, 15 or 30
//   view                         "ap" | "lateral" | "oblique-left" | "oblique-right" | "clo"
//   secondaryDeg                 cranial (+) / caudal (-) tilt added to the view
//   anatomy                      "phantom" | "ct", or an object: model ("phantom" | "ct" |
//                                "radiograph"); phantom: lumbarVertebrae 5 or 6, sacralisedL5,
//                                twelfthRibs; radiograph (development only): image (a file, relative
//                                to the scenario's folder), pixelMm (at the isocentre), targetPx
//                                [x, y] (the target interspace in the image), vertebraePx
//                                {"L4": [x, y], ...} (measured by hand, else no vertebra truth)
//   dose.tubeKv                  60..120;  dose.photonsPerPixel  quanta per pixel and pulse, or
//                                dose.detectorNGyPerPulse (air kerma at the detector)
//   chain                        the imaging chain (sim/ImagingChain.hpp): detector, pixelMm,
//                                fieldMm, vignetting, veilingGlare, pincushion, blurSigmaPx,
//                                electronicNoise, encoding, gamma, range, collimator {shape,
//                                diameterMm, widthMm, heightMm, shutterLeftMm, shutterRightMm,
//                                wedge, wedgeWidthMm, wedgeAttenuation}, droppedFramesPercent
//   output                       "detector" (the chain's encoding at the detector's size) |
//                                "video" (the 8-bit monitor signal with burned-in text)
//   video                        size "1280x1024" | "1920x1080", text "white" | "limited-white" |
//                                "none", marker bool
//   videoRefreshHz               video output: refresh rate of the feed (25..60, >= pulses per
//                                second); the image repeats between pulses, the timer keeps going
//   target.interspace            e.g. "L4-5", "L5-S1"
//   target.approach              "interlaminar" | "transforaminal-left" | "transforaminal-right"
//   needle.startS, needle.endS   advance of the tip from the skin to the target;  needle.bendMm;
//                                needle.kind "spinal" | "k-wire"; needle.gauge 18, 20, 22, 25;
//                                needle.stylet bool (in: the lumen is filled)
//   injection.pattern            "epidural" | "intravascular" | "intrathecal" | "subdural"
//   injection.startS, injection.rateMlPerS, injection.volumeMl
//   motion.startS, motion.endS, motion.translationMm [x, y, z], motion.rotationDeg (about the
//                                anterior-posterior axis through the target: turning on the
//                                table): the patient moves rigidly between the two times

#include <filesystem>
#include <array>
#include <optional>
#include <utility>
#include <vector>
#include <string>

#include "core/CarmGeometry.hpp"
#include "core/Status.hpp"
#include "sim/Contrast.hpp"
#include "sim/ImageFormer.hpp"
#include "sim/ImagingChain.hpp"
#include "sim/Needle.hpp"
#include "sim/SpinePhantom.hpp"
#include "sim/VideoOutput.hpp"

namespace fg::sim {

enum class SimOutput : uint8_t { Invalid = 0, Detector, Video };
enum class Approach : uint8_t { Invalid = 0, Interlaminar, TransforaminalLeft, TransforaminalRight };

enum class AnatomyModel : uint8_t { Invalid = 0, Phantom, Ct, Radiograph };
std::string_view toString(AnatomyModel model);

// A real 2D image as the static anatomy of an AP view (development only).
struct RadiographPlan {
  std::filesystem::path image;
  double pixelMm = 0.2;              // at the isocentre
  double targetXPx = 0, targetYPx = 0;
  std::vector<std::pair<std::string, std::array<double, 2>>> vertebraePx;
};

struct MotionPlan {
  double startS = 0, endS = 0;
  core::Vec3 translationMm;
  double rotationDeg = 0;
};

struct Scenario {
  std::string name;
  std::string description;
  uint64_t seed = 1;
  double durationS = 30;
  double pulsesPerSecond = 7.5;
  core::CarmPose pose;
  AnatomyModel model = AnatomyModel::Phantom;
  AnatomyOptions anatomy;
  RadiographPlan radiograph;
  double tubeKv = 80;
  DoseSettings dose;
  ImagingChain chain;
  SimOutput output = SimOutput::Detector;
  VideoSignal video;
  double videoRefreshHz = 30;  // video output: monitor refreshes per second (repeats between pulses)
  std::string interspace = "L4-5";
  Approach approach = Approach::Interlaminar;
  double needleStartS = 1, needleEndS = 12, needleBendMm = 1.0;
  bool needlePresent = true;  // false: a scout run before the needle goes in
  NeedleKind needleKind = NeedleKind::Spinal;
  int needleGauge = 22;
  bool needleStylet = false;
  std::optional<InjectionPlan> injection;  // siteMm and side are filled from the needle plan
  std::optional<MotionPlan> motion;
};

core::Result<Scenario> parseScenario(const std::string& jsonText, const std::string& sourceName);
core::Result<Scenario> loadScenario(const std::filesystem::path& path);

}  // namespace fg::sim
