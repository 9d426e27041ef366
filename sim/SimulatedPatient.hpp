#pragma once
// One simulated case: an anatomy (the ellipsoid phantom, a real CT or a real radiograph), the
// C-arm, the imaging chain, needle, contrast and motion driven by a Scenario, producing frame i
// (at time i / pulses per second) and its ground truth. Deterministic for a scenario.

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/FrameFormat.hpp"
#include "sim/Anatomy.hpp"
#include "sim/Needle.hpp"
#include "sim/Scenario.hpp"
#include "sim/VideoOutput.hpp"

namespace fg::sim {

struct VertebraInImage {
  std::string label;
  core::Vec3 centerMm;  // after motion
  double xPx = 0, yPx = 0;
};

struct FrameTruth {
  int index = 0;
  double timeS = 0;
  bool needleVisible = false;
  bool tipInField = false;          // the tip is inside the collimated field
  core::Vec3 tipMm, axisMm;         // axis: unit, toward the tip
  double tipXPx = 0, tipYPx = 0;    // in the delivered frame's pixels
  double axisXPx = 0, axisYPx = 0;  // unit direction toward the tip, in the image
  std::vector<VertebraInImage> vertebrae;
  core::RigidTransform motion;  // patient motion at this time (identity when still)
  double contrastMl = 0;
  ContrastPattern pattern = ContrastPattern::Invalid;
};

// A point of the anatomy to plan on (patient LPS mm, before any motion), for a plan set in 3D.
struct PlanPoint {
  std::string name;  // "L4-5 posterior epidural space", "skin entry of this case"
  core::Vec3 mm;
};

struct ImagePoint {
  double xPx = 0, yPx = 0;
  bool inFront = false;  // in front of the source (a point behind it has no image)
};

class SimulatedPatient {
 public:
  static core::Result<std::unique_ptr<SimulatedPatient>> create(const Scenario& scenario);
  ~SimulatedPatient();

  const Scenario& scenario() const { return scenario_; }
  const Anatomy& anatomy() const { return *anatomy_; }
  core::FrameFormat format() const;  // what renderFrame writes
  int frameCount() const;
  double frameTimeS(int index) const { return index / scenario_.pulsesPerSecond; }
  // Writes the image of pulse `index` into `out` (format().byteCount() bytes).
  void renderFrame(int index, std::span<uint8_t> out);
  // Video output: redraws the burned-in fluoroscopy timer for monitor time `timeS` (it runs
  // on between pulses while the image repeats).
  void stampTimer(double timeS, std::span<uint8_t> out) const;
  // Whether the frame grabber misses refresh `refresh` (deterministic per seed).
  bool dropsRefresh(int64_t refresh) const;
  FrameTruth truth(int index) const;
  // Named points to plan on: each interspace's posterior epidural space and foramina, and this
  // case's needle entry and target.
  std::vector<PlanPoint> planPoints() const;
  // Where a patient point (before motion) lies in frame `index`'s image, through the C-arm
  // geometry, the patient's motion at that time, the detector's distortion and the video signal.
  ImagePoint project(const core::Vec3& patientMm, int index) const;
  // Ground-truth contrast mask on the detector image: 255 where contrast attenuates the beam by
  // more than 3 % inside the field, else 0 (detector width x height bytes; in a video signal the
  // detector image sits at maskOffset and maskScale).
  void contrastMask(int index, std::vector<uint8_t>& mask) const;
  double maskScale() const;
  std::array<int, 2> maskOffsetPx() const;

 private:
  SimulatedPatient(const Scenario& scenario, std::unique_ptr<Anatomy> anatomy);
  core::RigidTransform motionAt(double timeS) const;  // includes centring on the target level
  bool moving(double timeS) const;
  void renderDetector(int index, std::span<uint8_t> out);
  void renderVideo(int index, std::span<uint8_t> out);
  PixelBox dynamicMuL(double timeS, const core::RigidTransform& motion, std::vector<float>& muL) const;
  // Detector pixel (undistorted) -> delivered frame pixel.
  void toFrame(double& xPx, double& yPx) const;
  BurnedIn burnedIn(double timeS) const;

  Scenario scenario_;
  std::unique_ptr<Anatomy> anatomy_;
  core::Vec3 isocentreMm_;
  NeedlePlan needle_;
  std::optional<InjectionPlan> injection_;
  Projector projector_;
  ImageFormer former_;
  std::optional<VideoOutput> video_;
  bool haveStatic_ = false;
  core::RigidTransform staticMotion_;
  bool staticQuick_ = false;
  std::vector<float> staticMuL_, dynamicMuL_;
  std::vector<uint8_t> detector8_;  // video output renders through this
};

}  // namespace fg::sim
