#pragma once
// The case folder and its files: one folder per procedure, readable only by its owner, holding
// case.json (who, what, where), the journal, the plan, snapshots and the report. Every JSON file is
// written whole to a temporary name and renamed, so a crash or a full disk never leaves half of
// one. Patient data lives in case.json only: never in logs.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/Status.hpp"

namespace fg::procedure {

// Creates `dir` (and parents) readable only by its owner; clear error when it cannot.
core::Status makePrivateDir(const std::filesystem::path& dir);
// Writes to a temporary name, then renames.
core::Status writeJson(const nlohmann::json& value, const std::filesystem::path& path);

inline constexpr const char* kCaseFileName = "case.json";
inline constexpr const char* kJournalFileName = "journal.jsonl";

struct CaseInfo {
  std::string patientId;
  std::string patientName;
  std::string birthDate;  // YYYY-MM-DD
  std::string accession;
  std::string operatorName;
  std::string site;
  std::string protocolId;  // which protocol the procedure follows
  std::string createdAt;   // local wall-clock time
  // One DICOM study per case: every run and key image exported from it goes into this study.
  std::string studyInstanceUid;
};

// A new UID of the "2.25." form (a 128-bit random number, DICOM PS3.5 B.2): no registered root
// is needed.
std::string newStudyInstanceUid();

nlohmann::json toJson(const CaseInfo& info);
// Errors name the file and the field.
core::Result<CaseInfo> caseInfoFromJson(const nlohmann::json& json, const std::string& source);
core::Status writeCaseInfo(const std::filesystem::path& caseDir, const CaseInfo& info);
// NotFound when the folder holds no case yet.
core::Result<CaseInfo> readCaseInfo(const std::filesystem::path& caseDir);

// Local wall-clock time now, "2026-11-30 14:32:05"; or as an strftime format gives it.
std::string localWallTime();
std::string localTime(const char* strftimeFormat);

}  // namespace fg::procedure
