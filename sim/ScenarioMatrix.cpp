#include "sim/ScenarioMatrix.hpp"

#include <cctype>
#include <fstream>
#include <set>
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

// A variant that would turn a field into another kind of value (the CT's "anatomy": "ct" into the
// phantom's object, say) changes the case behind its name: refused, naming the field.
std::string typeChange(const json& base, const json& patch, const std::string& path) {
  for (const auto& [key, value] : patch.items()) {
    if (value.is_null() || !base.contains(key)) continue;
    const json& old = base.at(key);
    const std::string name = path.empty() ? key : path + "." + key;
    if (old.is_object() != value.is_object()) return name;
    if (old.is_object()) {
      if (auto inner = typeChange(old, value, name); !inner.empty()) return inner;
    }
  }
  return "";
}

bool safeName(const std::string& name) {
  if (name.empty() || name.size() > 80) return false;
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  }
  return name != "." && name != "..";
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
  std::set<std::string> variantNames;
  for (size_t v = 0; v < m["variants"].size(); ++v) {
    const json& variant = m["variants"][v];
    const std::string where = "variants[" + std::to_string(v) + "]";
    if (!variant.is_object() || !variant.contains("name") || !variant["name"].is_string()) {
      return fail(matrixFile, where + " must be an object with a name");
    }
    const std::string name = variant["name"].get<std::string>();
    if (!safeName(name)) {
      return fail(matrixFile, where + ".name '" + name + "' must be letters, digits, '-', '_' or '.' (it names files)");
    }
    if (!variantNames.insert(name).second) return fail(matrixFile, where + ".name '" + name + "' is used twice");
  }
  std::set<std::string> baseNames;
  std::vector<MatrixCase> cases;
  for (size_t b = 0; b < m["bases"].size(); ++b) {
    const json& baseName = m["bases"][b];
    if (!baseName.is_string()) return fail(matrixFile, "bases[" + std::to_string(b) + "] must be a scenario name");
    const std::string base = baseName.get<std::string>();
    if (!safeName(base)) return fail(matrixFile, "bases[" + std::to_string(b) + "] '" + base + "' is not a scenario name");
    if (!baseNames.insert(base).second) return fail(matrixFile, "base '" + base + "' is listed twice");
    auto baseJson = readJson(scenarioDir / (base + ".json"), "base scenario");
    if (!baseJson) return fail(matrixFile, baseJson.status().message());
    for (size_t v = 0; v < m["variants"].size(); ++v) {
      const json& variant = m["variants"][v];
      const std::string where = "variants[" + std::to_string(v) + "]";
      for (const auto& [key, value] : variant.items()) {
        if (key != "name" && key != "set") return fail(matrixFile, where + ": unknown field '" + key + "'");
      }
      if (variant.contains("set") && !variant["set"].is_object()) {
        return fail(matrixFile, where + ".set must be an object of scenario fields");
      }
      json expanded = baseJson.value();
      if (variant.contains("set")) {
        if (const std::string field = typeChange(expanded, variant["set"], ""); !field.empty()) {
          return fail(matrixFile, where + " would turn field '" + field + "' of " + base + " into another kind of value");
        }
        expanded.merge_patch(variant["set"]);
      }
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
