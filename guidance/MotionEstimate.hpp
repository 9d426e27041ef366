#pragma once
// Rigid in-plane motion between a subtraction mask and a live frame: translation and rotation
// about the image centre, estimated on a reduced copy (phase correlation for the translation,
// then ECC refinement of translation and angle). Image px, degrees; positive angle turns +x
// toward +y (clockwise on screen).

#include <cstdint>

#include <opencv2/core.hpp>

namespace fg::guidance {

struct RigidMotion2D {
  double dxPx = 0;
  double dyPx = 0;
  double angleDeg = 0;
  // Mean absolute difference between the warped mask and the live frame, over the live frame's
  // noise sigma: about 1.1 when they match up to noise, more with misregistration (or contrast).
  double residualSigma = 0;
  bool valid = false;
};

// The same shift and turn (the residual and validity aside).
inline bool sameMotion(const RigidMotion2D& a, const RigidMotion2D& b) {
  return a.dxPx == b.dxPx && a.dyPx == b.dyPx && a.angleDeg == b.angleDeg;
}

// How the mask must move to fit `live` (both CV_32FC1, same size). `noiseSigma` scales the residual.
// `ignore` (CV_8UC1, optional): pixels left out of the fit, such as the contrast, which moves with
// nothing and would pull the fit. `prior` (when valid): the last estimate, tried as a start.
// Invalid when the sizes differ.
RigidMotion2D estimateMotion(const cv::Mat& mask, const cv::Mat& live, double noiseSigma, int workSizePx = 256,
                             const cv::Mat& ignore = cv::Mat(), const RigidMotion2D& prior = {});

// Which differences a residual counts. Contrast only ever adds attenuation (mask - live > 0);
// misregistration leaves both signs at every edge. Counting only the side contrast cannot reach
// tells a misfit from contrast arriving.
enum class ResidualSide : uint8_t { Invalid = 0, Both, MaskDarkerOnly };

// The residual (as in RigidMotion2D::residualSigma) of fitting `mask` moved by `motion` to `live`,
// leaving out `ignore` as estimateMotion does. 0 when the sizes differ.
double motionResidual(const cv::Mat& mask, const cv::Mat& live, const RigidMotion2D& motion, double noiseSigma,
                      int workSizePx = 256, const cv::Mat& ignore = cv::Mat(),
                      ResidualSide side = ResidualSide::Both);

// The 2x3 affine (CV_64F) that moves an image of `size` by `motion`.
cv::Mat motionMatrix(const RigidMotion2D& motion, cv::Size size);

// The 2x3 affine (CV_64F) that takes what `from` moved into place to where `to` moves it: for
// keeping maps made in live coordinates registered when the estimate changes.
cv::Mat motionChange(const RigidMotion2D& from, const RigidMotion2D& to, cv::Size size);

// The mask moved by `motion` (same size; borders replicated).
cv::Mat warpByMotion(const cv::Mat& mask, const RigidMotion2D& motion);

}  // namespace fg::guidance
