#pragma once
// A case's record read without writing anything: a replayed case is shown as it was recorded,
// read-only (its journal is not opened for appending, a torn last line is not cut back).

#include <filesystem>

#include "core/Status.hpp"
#include "procedure/CaseFiles.hpp"
#include "procedure/ProcedureRecord.hpp"

namespace fg::procedure {

struct RecordedCase {
  CaseInfo info;
  ProcedureRecord record;
  size_t linesSkipped = 0;  // damaged or not of this protocol
};

// `protocol`: the one the case was recorded with. NotFound when the folder holds no case.json.
core::Result<RecordedCase> readRecordedCase(const std::filesystem::path& caseDir, const Protocol& protocol);

}  // namespace fg::procedure
