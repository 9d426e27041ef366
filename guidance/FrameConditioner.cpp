#include "guidance/FrameConditioner.hpp"

#include "guidance/GuidanceImage.hpp"

namespace fg::guidance {

core::Result<ConditionedFrame> FrameConditioner::condition(const core::Frame& frame) {
  const core::FrameFormat& f = frame.format();
  ConditionedFrame c;
  c.binning = binningFor(f);
  auto converted = toFloat(frame, c.binning);
  if (!converted) return converted.status();
  c.image = converted.value();
  c.scale = analysisScale(f, c.binning);
  // The field on the values as stored (the blades' black), then every chain in one domain.
  const cv::Mat& field = field_.update(c.image, c.scale);
  c.intensity = domain_.apply(c.image, f, field);
  return c;
}

}  // namespace fg::guidance
