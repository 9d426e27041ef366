#pragma once
// A real 2D radiograph as the static anatomy of an AP view (development only: the product never
// ships such images). The image's brightness (bone bright, as radiographs are displayed) becomes
// attenuation; it is scaled to the detector from its pixel size at the isocentre and placed so that
// the scenario's target pixel lies where the target interspace projects. Needle and contrast are
// added in 3D at the phantom's interspace geometry, so their truth is known by construction;
// vertebra truth is what the scenario measured by hand (none otherwise). Patient motion moves the
// image rigidly in its plane.

#include <memory>
#include <opencv2/core.hpp>

#include "core/CarmGeometry.hpp"
#include "core/Status.hpp"
#include "sim/Anatomy.hpp"

namespace fg::sim {

struct RadiographPlan;

class RadiographAnatomy final : public Anatomy {
 public:
  // Attenuation of the darkest and brightest pixels (soft tissue only, and over bone).
  static constexpr double kDarkMuL = 1.5, kBrightMuL = 5.0;

  static core::Result<std::unique_ptr<RadiographAnatomy>> create(const RadiographPlan& plan,
                                                                  const std::string& interspace,
                                                                  const core::CarmPose& pose, double tubeKv);
  std::string_view kind() const override { return "radiograph"; }
  void project(const Projector& projector, const core::RigidTransform& motion, int phase, bool quick,
               std::span<float> muL) override;

 private:
  RadiographAnatomy() = default;
  cv::Mat muL_;           // the image as attenuation (CV_32F), in its own pixels
  double pixelMm_ = 0.2;  // image pixel size at the isocentre
  double targetX_ = 0, targetY_ = 0;
  core::Vec3 targetMm_;   // the interspace point the target pixel shows
};

}  // namespace fg::sim
