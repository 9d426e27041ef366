#include "procedure/Protocol.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace fg::procedure {
namespace {

using nlohmann::json;

core::Status fieldError(const std::string& source, const std::string& where,
                        const std::string& what) {
  return core::Status::error(core::StatusCode::Corrupt, source + ": " + where + " " + what);
}

// A non-empty string at `key`, or the error naming it.
core::Result<std::string> requiredString(const json& j, const char* key, const std::string& source,
                                         const std::string& where) {
  if (!j.contains(key) || !j[key].is_string() || j[key].get<std::string>().empty()) {
    return fieldError(source, where + "." + key, "must be a non-empty string");
  }
  return j[key].get<std::string>();
}

FieldKind kindFromName(const std::string& name) {
  for (FieldKind k : {FieldKind::Text, FieldKind::Number, FieldKind::Choice, FieldKind::Check}) {
    if (name == toString(k)) return k;
  }
  return FieldKind::Invalid;
}

core::Result<FieldSpec> parseField(const json& j, const std::string& source,
                                   const std::string& where) {
  if (!j.is_object()) return fieldError(source, where, "must be an object");
  FieldSpec f;
  auto id = requiredString(j, "id", source, where);
  if (!id) return id.status();
  f.id = id.value();
  auto label = requiredString(j, "label", source, where);
  if (!label) return label.status();
  f.label = label.value();
  auto kind = requiredString(j, "kind", source, where);
  if (!kind) return kind.status();
  f.kind = kindFromName(kind.value());
  if (f.kind == FieldKind::Invalid) {
    return fieldError(source, where + ".kind",
                      "'" + kind.value() + "' is not text, number, choice or check");
  }
  if (j.contains("unit")) {
    if (!j["unit"].is_string()) return fieldError(source, where + ".unit", "must be a string");
    f.unit = j["unit"].get<std::string>();
  }
  if (f.kind == FieldKind::Choice) {
    if (!j.contains("choices") || !j["choices"].is_array() || j["choices"].empty()) {
      return fieldError(source, where + ".choices", "must list the choices of a choice field");
    }
    for (const auto& c : j["choices"]) {
      if (!c.is_string()) return fieldError(source, where + ".choices", "must be strings");
      f.choices.push_back(c.get<std::string>());
    }
  }
  if (j.contains("required")) {
    if (!j["required"].is_boolean())
      return fieldError(source, where + ".required", "must be true or false");
    f.required = j["required"].get<bool>();
  }
  return f;
}

}  // namespace

std::string_view toString(FieldKind kind) {
  switch (kind) {
    case FieldKind::Text:
      return "text";
    case FieldKind::Number:
      return "number";
    case FieldKind::Choice:
      return "choice";
    case FieldKind::Check:
      return "check";
    case FieldKind::Invalid:
      break;
  }
  return "invalid";
}

int Protocol::stepIndex(std::string_view stepId) const {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].id == stepId) return static_cast<int>(i);
  }
  return -1;
}

core::Result<Protocol> parseProtocol(std::string_view text, const std::string& source) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded())
    return core::Status::error(core::StatusCode::Corrupt, source + ": not valid JSON");
  if (!j.is_object()) return fieldError(source, "the top level", "must be an object");
  Protocol p;
  auto id = requiredString(j, "id", source, "protocol");
  if (!id) return id.status();
  p.id = id.value();
  auto name = requiredString(j, "name", source, "protocol");
  if (!name) return name.status();
  p.name = name.value();
  if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() < 1) {
    return fieldError(source, "protocol.version", "must be a whole number from 1");
  }
  p.version = j["version"].get<int>();
  if (!j.contains("steps") || !j["steps"].is_array() || j["steps"].empty()) {
    return fieldError(source, "protocol.steps", "must list at least one step");
  }
  std::set<std::string> stepIds;
  for (size_t i = 0; i < j["steps"].size(); ++i) {
    const json& s = j["steps"][i];
    const std::string where = "steps[" + std::to_string(i) + "]";
    if (!s.is_object()) return fieldError(source, where, "must be an object");
    StepSpec step;
    auto stepId = requiredString(s, "id", source, where);
    if (!stepId) return stepId.status();
    step.id = stepId.value();
    if (!stepIds.insert(step.id).second)
      return fieldError(source, where + ".id", "'" + step.id + "' is used twice");
    auto title = requiredString(s, "title", source, where);
    if (!title) return title.status();
    step.title = title.value();
    if (s.contains("hint")) {
      if (!s["hint"].is_string()) return fieldError(source, where + ".hint", "must be a string");
      step.hint = s["hint"].get<std::string>();
    }
    if (s.contains("imaging")) {
      if (!s["imaging"].is_boolean())
        return fieldError(source, where + ".imaging", "must be true or false");
      step.imaging = s["imaging"].get<bool>();
    }
    if (s.contains("expectedMinutes")) {
      if (!s["expectedMinutes"].is_number() || s["expectedMinutes"].get<double>() < 0) {
        return fieldError(source, where + ".expectedMinutes", "must be a number of minutes >= 0");
      }
      step.expectedMinutes = s["expectedMinutes"].get<double>();
    }
    if (s.contains("fields")) {
      if (!s["fields"].is_array()) return fieldError(source, where + ".fields", "must be a list");
      std::set<std::string> fieldIds;
      for (size_t k = 0; k < s["fields"].size(); ++k) {
        auto field =
            parseField(s["fields"][k], source, where + ".fields[" + std::to_string(k) + "]");
        if (!field) return field.status();
        if (!fieldIds.insert(field.value().id).second) {
          return fieldError(source, where + ".fields[" + std::to_string(k) + "].id",
                            "'" + field.value().id + "' is used twice");
        }
        step.fields.push_back(std::move(field.value()));
      }
    }
    p.steps.push_back(std::move(step));
  }
  return p;
}

core::Result<Protocol> loadProtocol(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in)
    return core::Status::error(core::StatusCode::NotFound, "cannot read protocol " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parseProtocol(text.str(), path.string());
}

}  // namespace fg::procedure
