#pragma once
// The procedure report: a printable HTML page and the same facts as JSON, written into the case
// folder (report.html, report.json): who and what, the step timeline (wall-clock time, frame,
// fluoroscopy time, fields, notes), key images, level and side from the time-out, the contrast
// pattern and medications as recorded, the fluoroscopy time ("from the video stream") and every
// alarm with who acknowledged it.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/Status.hpp"
#include "procedure/CaseFiles.hpp"
#include "procedure/ProcedureRecord.hpp"

namespace fg::procedure {

nlohmann::json reportJson(const CaseInfo& info, const ProcedureRecord& record);
std::string reportHtml(const CaseInfo& info, const ProcedureRecord& record);
// report.html and report.json in `caseDir`.
core::Status writeReport(const std::filesystem::path& caseDir, const CaseInfo& info,
                         const ProcedureRecord& record);

}  // namespace fg::procedure
