#include "sim/RadiographAnatomy.hpp"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "sim/Scenario.hpp"
#include "sim/SpinePhantom.hpp"

namespace fg::sim {

core::Result<std::unique_ptr<RadiographAnatomy>> RadiographAnatomy::create(const RadiographPlan& plan,
                                                                         const std::string& interspace,
                                                                         const core::CarmPose& pose, double tubeKv) {
  (void)tubeKv;  // the image already is what one beam made of the patient
  std::error_code ec;
  if (!std::filesystem::is_regular_file(plan.image, ec)) {
    return core::Status::error(core::StatusCode::NotFound,
                               "field 'anatomy.image': radiograph '" + plan.image.string() + "' is missing");
  }
  const cv::Mat image = cv::imread(plan.image.string(), cv::IMREAD_GRAYSCALE);
  if (image.empty()) {
    return core::Status::error(core::StatusCode::Corrupt,
                               "field 'anatomy.image': '" + plan.image.string() + "' is not a readable image");
  }
  if (plan.targetXPx < 0 || plan.targetYPx < 0 || plan.targetXPx >= image.cols || plan.targetYPx >= image.rows) {
    return core::Status::error(core::StatusCode::OutOfRange, "field 'anatomy.targetPx' lies outside the radiograph");
  }
  std::unique_ptr<RadiographAnatomy> out(new RadiographAnatomy());
  image.convertTo(out->muL_, CV_32F, (kBrightMuL - kDarkMuL) / 255.0, kDarkMuL);
  // Interspaces (and where the needle goes) from the phantom's geometry.
  auto phantom = buildSpinePhantom({});
  if (!phantom) return phantom.status();
  out->interspaces_ = phantom.value().interspaces;
  const Interspace* level = out->interspace(interspace);
  if (!level) {
    return core::Status::error(core::StatusCode::OutOfRange, "field 'target.interspace' names '" + interspace +
                                                                 "', which a radiograph case does not have");
  }
  out->targetMm_ = level->posteriorEpiduralMm;
  out->targetX_ = plan.targetXPx;
  out->targetY_ = plan.targetYPx;
  const core::CarmGeometry g(pose);
  out->pixelMm_ = plan.pixelMm;
  // Vertebrae measured by hand: their image point back on the plane through the target, facing
  // the beam (the C-arm centres on the target: its isocentre is the level's).
  for (const auto& [label, xy] : plan.vertebraePx) {
    const double dxMm = (xy[0] - plan.targetXPx) * plan.pixelMm, dyMm = (xy[1] - plan.targetYPx) * plan.pixelMm;
    out->vertebrae_.push_back({label, out->targetMm_ + g.imageXDirection() * dxMm + g.imageYDirection() * dyMm});
  }
  return out;
}

void RadiographAnatomy::project(const Projector& projector, const core::RigidTransform& motion, int phase,
                                bool quick, std::span<float> muL) {
  (void)phase;
  (void)quick;
  const core::CarmGeometry& g = projector.geometry();
  // Where three points around the target land now gives the image's placement (an affine map
  // image -> detector); the motion holds the centring on the level and any patient movement.
  const core::Vec3 u = g.imageXDirection(), v = g.imageYDirection();
  constexpr double kStepMm = 20;
  const core::Vec3 points[3] = {targetMm_, targetMm_ + u * kStepMm, targetMm_ + v * kStepMm};
  const float step = static_cast<float>(kStepMm / pixelMm_);
  const float tx = static_cast<float>(targetX_), ty = static_cast<float>(targetY_);
  cv::Point2f image[3] = {{tx, ty}, {tx + step, ty}, {tx, ty + step}}, detector[3];
  for (int i = 0; i < 3; ++i) {
    const auto p = g.project(motion.apply(points[i]));
    detector[i] = {static_cast<float>(p.xPx), static_cast<float>(p.yPx)};
  }
  const cv::Mat toDetector = cv::getAffineTransform(image, detector);
  cv::Mat out(projector.height(), projector.width(), CV_32FC1, muL.data());
  cv::warpAffine(muL_, out, toDetector, out.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(kDarkMuL));
}

}  // namespace fg::sim
