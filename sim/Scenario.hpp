#pragma once
// A simulated case as data (assets/scenarios/*.json). Every field is optional except "name";
// an unknown or ill-typed field is an error that names it. Fields:
//   name, description            text
//   seed                         integer; everything random follows from it
//   durationS                    length of the case in seconds
//   pulsesPerSecond              3.75, 7.5, 15 or 30
//   view                         "ap" | "lateral" | "oblique-left" | "oblique-right" | "clo"
//   secondaryDeg                 cranial (+) / caudal (-) tilt added to the view
//   anatomy.lumbarVertebrae      5 or 6;  anatomy.sacralisedL5  bool;  anatomy.twelfthRibs  bool
//   dose.tubeKv                  60..120;  dose.photonsPerPixel  quanta per pixel and pulse
//   output                       "detector" (16-bit, 12 stored, 1024x1024) | "video" (8-bit
//                                1280x1024 monitor feed with burned-in text)
//   videoRefreshHz               video output: refresh rate of the feed (25..60, >= pulses per
//                                second); the image repeats between pulses, the timer keeps going
//   target.interspace            e.g. "L4-5", "L5-S1"
//   target.approach              "interlaminar" | "transforaminal-left" | "transforaminal-right"
//   needle.startS, needle.endS   advance of the tip from the skin to the target;  needle.bendMm
//   injection.pattern            "epidural" | "intravascular" | "intrathecal" | "subdural"
//   injection.startS, injection.rateMlPerS, injection.volumeMl
//   motion.startS, motion.endS, motion.translationMm [x, y, z], motion.rotationDeg (about the
//                                anterior-posterior axis through the target: turning on the
//                                table): the patient moves rigidly between the two times

#include <filesystem>
#include <optional>
#include <string>

#include "core/CarmGeometry.hpp"
#include "core/Status.hpp"
#include "sim/Contrast.hpp"
#include "sim/ImageFormer.hpp"
#include "sim/SpinePhantom.hpp"

namespace fg::sim {

enum class SimOutput : uint8_t { Invalid = 0, Detector, Video };
enum class Approach : uint8_t { Invalid = 0, Interlaminar, TransforaminalLeft, TransforaminalRight };

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
  AnatomyOptions anatomy;
  double tubeKv = 80;
  DoseSettings dose;
  SimOutput output = SimOutput::Detector;
  double videoRefreshHz = 30;  // video output: monitor refreshes per second (repeats between pulses)
  std::string interspace = "L4-5";
  Approach approach = Approach::Interlaminar;
  double needleStartS = 1, needleEndS = 12, needleBendMm = 1.0;
  bool needlePresent = true;  // false: a scout run before the needle goes in
  std::optional<InjectionPlan> injection;  // siteMm and side are filled from the needle plan
  std::optional<MotionPlan> motion;
};

core::Result<Scenario> parseScenario(const std::string& jsonText, const std::string& sourceName);
core::Result<Scenario> loadScenario(const std::filesystem::path& path);

}  // namespace fg::sim
