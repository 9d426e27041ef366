#include <catch2/catch.hpp>

#include "sim/Contrast.hpp"

using namespace fg::sim;

namespace {
InjectionPlan plan(ContrastPattern pattern) {
  InjectionPlan p;
  p.pattern = pattern;
  p.startS = 10;
  p.rateMlPerS = 1;
  p.volumeMl = 1;
  return p;
}
}  // namespace

TEST_CASE("injected volume follows the rate and stops at the volume", "[sim][contrast]") {
  const auto p = plan(ContrastPattern::Epidural);
  CHECK(injectedMl(p, 9) == 0);
  CHECK(injectedMl(p, 10.5) == Approx(0.5));
  CHECK(injectedMl(p, 30) == Approx(1));
}

TEST_CASE("epidural contrast persists; intravascular contrast washes out within two seconds",
          "[sim][contrast]") {
  CHECK_FALSE(contrastAt(plan(ContrastPattern::Epidural), 25).empty());
  const auto vessel = plan(ContrastPattern::Intravascular);
  CHECK_FALSE(contrastAt(vessel, 10.8).empty());  // filling while it goes in
  CHECK(contrastAt(vessel, 11 + 2.0).empty());    // gone two seconds after the injection stopped
}

TEST_CASE("intrathecal contrast is symmetric about the midline", "[sim][contrast]") {
  auto p = plan(ContrastPattern::Intrathecal);
  p.siteMm = {2, 28, 0};
  double sumX = 0;
  for (const auto& e : contrastAt(p, 11)) sumX += e.centerMm.x * e.density;
  CHECK(sumX == Approx(0).margin(1e-9));
}

TEST_CASE("pattern names", "[sim][contrast]") {
  CHECK(parseContrastPattern("subdural") == ContrastPattern::Subdural);
  CHECK(parseContrastPattern("venous") == ContrastPattern::Invalid);
  CHECK(toString(ContrastPattern::Intravascular) == "intravascular");
}
