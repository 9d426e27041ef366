#pragma once
// A procedure protocol is data: its steps, in order, and what each must record. Loaded from JSON
// (assets/protocols/*.json) and checked field by field, so a new procedure needs no code.
//
//   {"id": "epidurography", "name": "...", "version": 1,
//    "steps": [{"id": "review", "title": "...", "hint": "...", "imaging": false,
//               "fields": [{"id": "medications", "label": "...", "kind": "text", "required": true},
//                          {"id": "volume", "label": "...", "kind": "number", "unit": "ml"},
//                          {"id": "pattern", "label": "...", "kind": "choice", "choices": ["a",
//                          "b"]},
//                          {"id": "pregnant", "label": "...", "kind": "check"}]}]}

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/Status.hpp"

namespace fg::procedure {

enum class FieldKind : uint8_t { Invalid = 0, Text, Number, Choice, Check };
std::string_view toString(FieldKind kind);

struct FieldSpec {
  std::string id;
  std::string label;
  FieldKind kind = FieldKind::Invalid;
  std::string unit;                  // Number: "ml", "mg"
  std::vector<std::string> choices;  // Choice
  bool required = false;             // the step cannot be marked done without it
};

struct StepSpec {
  std::string id;
  std::string title;
  std::string hint;            // what the team checks or tells the patient
  bool imaging = false;        // done under fluoroscopy: a snapshot attaches itself when marked
  double expectedMinutes = 0;  // 0: no expectation
  std::vector<FieldSpec> fields;
};

struct Protocol {
  std::string id;
  std::string name;
  int version = 0;
  std::vector<StepSpec> steps;
  int stepIndex(std::string_view stepId) const;  // -1 when absent
};

// Errors name the file and the field ("steps[3].fields[0].kind: 'numbr' is not text, number,
// choice or check").
core::Result<Protocol> parseProtocol(std::string_view json, const std::string& source);
core::Result<Protocol> loadProtocol(const std::filesystem::path& path);

}  // namespace fg::procedure
