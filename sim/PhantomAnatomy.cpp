#include "sim/PhantomAnatomy.hpp"

#include <algorithm>

namespace fg::sim {

core::Result<std::unique_ptr<PhantomAnatomy>> PhantomAnatomy::create(const AnatomyOptions& options) {
  auto phantom = buildSpinePhantom(options);
  if (!phantom) return phantom.status();
  return std::unique_ptr<PhantomAnatomy>(new PhantomAnatomy(std::move(phantom.value())));
}

PhantomAnatomy::PhantomAnatomy(SpinePhantom phantom) : phantom_(std::move(phantom)) {
  vertebrae_ = phantom_.vertebrae;
  interspaces_ = phantom_.interspaces;
}

void PhantomAnatomy::project(const Projector& projector, const core::RigidTransform& motion, int phase,
                             bool quick, std::span<float> muL) {
  (void)phase;
  (void)quick;  // ellipsoids are exact and fast at any resolution
  std::fill(muL.begin(), muL.end(), 0.0f);
  projector.accumulate(phantom_.anatomy, motion, muL, projector.fullImage());
}

}  // namespace fg::sim
