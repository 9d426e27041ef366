#include "sim/ScenarioMatrix.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fg::sim {
namespace {

using nlohmann::json;

core::Status fail(const std::filesystem::path& file, const std::string& what) {
  return core::Status::error(core::StatusCode::Corrupt, "scenario matrix " + file.filename().string() + ": " + what);
}

core::Result<json> readJson(const std::filesystem::path& file, const std::string& what) {
  std::ifstream in(file);
  if (!in) return core::Status::error(core::StatusCode::NotFound, what + " '" + file.string() + "' cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::exception& e) {
    return core::Status::error(core::StatusCode::Corrupt, what + " '" + file.string() + "' is not valid JSON: " + e.what());
  }
}

}  // namespace

core::Result<std::vector<MatrixCase>> expandMatrix(const std::filesystem::path& matrixFile,
                                                   const std::filesystem::path& scenarioDir) {
  auto parsed = readJson(matrixFile, "scenario matrix");
  if (!parsed) return parsed.status();
  const json& m = parsed.value();
  if (!m.is_object()) return fail(matrixFile, "must be an object");
  for (const auto& [key, value] : m.items()) {
    if (key != "name" && key != "description" && key != "bases" && key != "variants") {
      return fail(matrixFile, "unknown field '" + key + "'");
    }
  }
  if (!m.contains("bases") || !m["bases"].is_array() || m["bases"].empty()) {
    return fail(matrixFile, "field 'bases' must be a list of scenario names");
  }
  if (!m.contains("variants") || !m["variants"].is_array() || m["variants"].empty()) {
    return fail(matrixFile, "field 'variants' must be a list of {name, set}");
  }
  std::vector<MatrixCase> cases;
  for (size_t b = 0; b < m["bases"].size(); ++b) {
    const json& baseName = m["bases"][b];
    if (!baseName.is_string()) return fail(matrixFile, "bases[" + std::to_string(b) + "] must be a scenario name");
    const std::string base = baseName.get<std::string>();
    auto baseJson = readJson(scenarioDir / (base + ".json"), "base scenario");
    if (!baseJson) return fail(matrixFile, baseJson.status().message());
    for (size_t v = 0; v < m["variants"].size(); ++v) {
      const json& variant = m["variants"][v];
      const std::string where = "variants[" + std::to_string(v) + "]";
      if (!variant.is_object() || !variant.contains("name") || !variant["name"].is_string()) {
        return fail(matrixFile, where + " must be an object with a name");
      }
      for (const auto& [key, value] : variant.items()) {
        if (key != "name" && key != "set") return fail(matrixFile, where + ": unknown field '" + key + "'");
      }
      if (variant.contains("set") && !variant["set"].is_object()) {
        return fail(matrixFile, where + ".set must be an object of scenario fields");
      }
      json expanded = baseJson.value();
      if (variant.contains("set")) expanded.merge_patch(variant["set"]);
      MatrixCase c;
      c.base = base;
      c.variant = variant["name"].get<std::string>();
      c.name = base + "@" + c.variant;
      const uint64_t seed = expanded.value("seed", uint64_t{1});
      expanded["seed"] = (seed + 101 * v) % 4294967295ull;
      expanded["name"] = expanded.value("name", base) + " @ " + c.variant;
      c.json = expanded.dump(2);
      auto scenario = parseScenario(c.json, c.name);
      if (!scenario) return fail(matrixFile, scenario.status().message());
      c.scenario = std::move(scenario.value());
      if (c.scenario.model == AnatomyModel::Radiograph && c.scenario.radiograph.image.is_relative()) {
        c.scenario.radiograph.image = scenarioDir / c.scenario.radiograph.image;
      }
      cases.push_back(std::move(c));
    }
  }
  return cases;
}

}  // namespace fg::sim
