#pragma once
// The ellipsoid spine phantom as the static anatomy of a simulated patient.

#include <memory>

#include "core/Status.hpp"
#include "sim/Anatomy.hpp"
#include "sim/SpinePhantom.hpp"

namespace fg::sim {

class PhantomAnatomy final : public Anatomy {
 public:
  static core::Result<std::unique_ptr<PhantomAnatomy>> create(const AnatomyOptions& options);
  std::string_view kind() const override { return "phantom"; }
  void project(const Projector& projector, const core::RigidTransform& motion, int phase, bool quick,
               std::span<float> muL) override;
  const SpinePhantom& phantom() const { return phantom_; }

 private:
  explicit PhantomAnatomy(SpinePhantom phantom);
  SpinePhantom phantom_;
};

}  // namespace fg::sim
