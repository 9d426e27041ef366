#include <catch2/catch.hpp>

#include "sim/SpinePhantom.hpp"

using namespace fg::sim;

namespace {
std::vector<std::string> labels(const SpinePhantom& p) {
  std::vector<std::string> out;
  for (const auto& v : p.vertebrae) out.push_back(v.label);
  return out;
}
}  // namespace

TEST_CASE("five lumbar vertebrae from T11 to S1, ordered head to feet", "[sim][phantom]") {
  auto p = buildSpinePhantom({});
  REQUIRE(p.isOk());
  CHECK(labels(p.value()) == std::vector<std::string>{"T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1"});
  for (size_t i = 1; i < p.value().vertebrae.size(); ++i) {
    CHECK(p.value().vertebrae[i].centerMm.z < p.value().vertebrae[i - 1].centerMm.z);
  }
  const Interspace* l45 = p.value().interspace("L4-5");
  REQUIRE(l45);
  CHECK(l45->posteriorEpiduralMm.z == Approx(0));  // the origin's definition
  CHECK(l45->posteriorEpiduralMm.y > 0);            // posterior of the bodies
  CHECK(p.value().interspace("L5-S1"));
}

TEST_CASE("variants: six lumbar vertebrae, missing twelfth ribs, sacralised L5", "[sim][phantom]") {
  AnatomyOptions six;
  six.lumbarVertebrae = 6;
  auto p6 = buildSpinePhantom(six);
  REQUIRE(p6.isOk());
  CHECK(labels(p6.value()).size() == 9);
  CHECK(p6.value().interspace("L5-6"));
  CHECK(p6.value().interspace("L6-S1"));

  AnatomyOptions noRibs;
  noRibs.twelfthRibs = TwelfthRibs::Absent;
  auto withRibs = buildSpinePhantom({});
  auto without = buildSpinePhantom(noRibs);
  CHECK(without.value().anatomy.size() == withRibs.value().anatomy.size() - 6);  // 2 ribs x 3 pieces

  AnatomyOptions bad;
  bad.lumbarVertebrae = 4;
  auto refused = buildSpinePhantom(bad);
  REQUIRE_FALSE(refused.isOk());
  CHECK_THAT(refused.status().message(), Catch::Contains("lumbarVertebrae"));
}
