#include <catch2/catch.hpp>
#include <filesystem>

#include "procedure/Protocol.hpp"

using namespace fg;
using namespace fg::procedure;

TEST_CASE("the shipped protocols load, and the epidurography follows the seed document",
          "[procedure][protocol]") {
  const std::filesystem::path dir = std::filesystem::path(FG_ASSET_DIR) / "protocols";
  auto epi = loadProtocol(dir / "epidurography.json");
  REQUIRE(epi.isOk());
  const Protocol& p = epi.value();
  CHECK(p.id == "epidurography");
  REQUIRE(p.steps.size() == 16);
  CHECK(p.steps.front().id == "review");
  CHECK(p.steps.back().id == "discharge");
  for (const char* id :
       {"pregnancy", "driver", "checkin", "consent", "positioned", "prep", "needle", "position",
        "contrast", "timeout", "injection", "response", "end", "observation"}) {
    INFO(id);
    CHECK(p.stepIndex(id) >= 0);
  }
  CHECK(p.steps[static_cast<size_t>(p.stepIndex("contrast"))].imaging);
  // A second procedure needs no code, only its file.
  auto tfesi = loadProtocol(dir / "lumbar-transforaminal.json");
  REQUIRE(tfesi.isOk());
  CHECK(tfesi.value().steps.size() >= 8);
}

TEST_CASE("malformed protocols are refused with the field named", "[procedure][protocol][errors]") {
  auto message = [](const char* json) { return parseProtocol(json, "p.json").status().message(); };
  CHECK_THAT(message("{"), Catch::Contains("p.json") && Catch::Contains("not valid JSON"));
  CHECK_THAT(message(R"({"name": "x", "version": 1, "steps": [{"id": "a", "title": "A"}]})"),
             Catch::Contains("protocol.id"));
  CHECK_THAT(
      message(R"({"id": "x", "name": "x", "version": 0, "steps": [{"id": "a", "title": "A"}]})"),
      Catch::Contains("protocol.version"));
  CHECK_THAT(message(R"({"id": "x", "name": "x", "version": 1, "steps": []})"),
             Catch::Contains("protocol.steps"));
  CHECK_THAT(message(R"({"id": "x", "name": "x", "version": 1, "steps": [{"id": "a"}]})"),
             Catch::Contains("steps[0].title"));
  CHECK_THAT(
      message(
          R"({"id": "x", "name": "x", "version": 1, "steps": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]})"),
      Catch::Contains("steps[1].id") && Catch::Contains("used twice"));
  CHECK_THAT(message(R"({"id": "x", "name": "x", "version": 1, "steps": [{"id": "a", "title": "A",
                        "fields": [{"id": "v", "label": "V", "kind": "numbr"}]}]})"),
             Catch::Contains("steps[0].fields[0].kind") && Catch::Contains("'numbr'"));
  CHECK_THAT(message(R"({"id": "x", "name": "x", "version": 1, "steps": [{"id": "a", "title": "A",
                        "fields": [{"id": "v", "label": "V", "kind": "choice"}]}]})"),
             Catch::Contains("steps[0].fields[0].choices"));
  CHECK_THAT(
      message(
          R"({"id": "x", "name": "x", "version": 1, "steps": [{"id": "a", "title": "A", "imaging": "yes"}]})"),
      Catch::Contains("steps[0].imaging"));
  CHECK(loadProtocol("/nonexistent/protocol.json").status().code() == core::StatusCode::NotFound);
}
