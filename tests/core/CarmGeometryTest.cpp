#include <catch2/catch.hpp>

#include "core/CarmGeometry.hpp"

using namespace fg::core;

TEST_CASE("the isocentre projects to the image centre in every standard view", "[core][carm]") {
  for (auto view : {StandardView::AP, StandardView::Lateral, StandardView::ObliqueLeft,
                    StandardView::ObliqueRight, StandardView::ContralateralOblique}) {
    CarmGeometry g(standardPose(view));
    const auto p = g.project({0, 0, 0});
    CHECK(p.xPx == Approx(511.5));
    CHECK(p.yPx == Approx(511.5));
    CHECK(p.depthMm == Approx(700));
  }
}

TEST_CASE("AP view: patient's left to the image right, head up, magnified by SID/SOD", "[core][carm]") {
  CarmGeometry g(standardPose(StandardView::AP));
  const double pxPerMm = g.magnification() / g.pose().detectorPixelMm;  // at the isocentre
  const auto left = g.project({10, 0, 0});
  CHECK(left.xPx == Approx(511.5 + 10 * pxPerMm));
  CHECK(left.yPx == Approx(511.5));
  const auto head = g.project({0, 0, 20});
  CHECK(head.yPx == Approx(511.5 - 20 * pxPerMm));
  // Closer to the source (anterior): larger magnification.
  const auto anterior = g.project({10, -100, 0});
  CHECK(anterior.xPx - 511.5 > 10 * pxPerMm);
  CHECK(g.orientation().row.letters() == "L");
  CHECK(g.orientation().column.letters() == "F");
  CHECK(g.magnification() == Approx(1.5));
  CHECK(g.isocentrePixelMm() == Approx(0.2));
}

TEST_CASE("lateral view: anterior to the image right, beam right to left", "[core][carm]") {
  CarmGeometry g(standardPose(StandardView::Lateral));
  CHECK(g.beamDirection().x == Approx(1));
  CHECK(g.project({0, -10, 0}).xPx > 511.5);   // anterior to the right
  CHECK(g.project({0, 0, 10}).yPx < 511.5);    // head up
  CHECK(g.project({30, 0, 0}).xPx == Approx(511.5));  // along the beam: same pixel
  CHECK(g.orientation().row.letters() == "A");
}

TEST_CASE("projection matrix agrees with project() and rays go back through the pixels", "[core][carm]") {
  CarmPose pose = standardPose(StandardView::ContralateralOblique);
  pose.secondaryDeg = 12;
  CarmGeometry g(pose);
  const auto m = g.matrix();
  const Vec3 p{23, -41, 57};
  const double hx = m[0] * p.x + m[1] * p.y + m[2] * p.z + m[3];
  const double hy = m[4] * p.x + m[5] * p.y + m[6] * p.z + m[7];
  const double hw = m[8] * p.x + m[9] * p.y + m[10] * p.z + m[11];
  const auto q = g.project(p);
  CHECK(hx / hw == Approx(q.xPx));
  CHECK(hy / hw == Approx(q.yPx));
  CHECK(hw == Approx(q.depthMm));
  const Vec3 ray = g.rayThroughPixel(q.xPx, q.yPx);
  const Vec3 along = g.sourceMm() + ray * (p - g.sourceMm()).norm();
  CHECK(along.x == Approx(p.x).margin(1e-6));
  CHECK(along.z == Approx(p.z).margin(1e-6));
}

TEST_CASE("rigid transforms compose and invert", "[core][carm]") {
  RigidTransform t{Mat3::rotation({0, 0, 1}, degToRad(30)), {5, -2, 7}};
  const Vec3 p{1, 2, 3};
  const Vec3 back = t.inverse().apply(t.apply(p));
  CHECK(back.x == Approx(1));
  CHECK(back.y == Approx(2));
  CHECK(back.z == Approx(3));
  CHECK(standardPose(StandardView::Invalid).primaryDeg == 0);
  CHECK(parseStandardView("clo") == StandardView::ContralateralOblique);
  CHECK(parseStandardView("sideways") == StandardView::Invalid);
}
