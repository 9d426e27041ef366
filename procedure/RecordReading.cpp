#include "procedure/RecordReading.hpp"

#include <fstream>

namespace fg::procedure {

core::Result<RecordedCase> readRecordedCase(const std::filesystem::path& caseDir, const Protocol& protocol) {
  auto info = readCaseInfo(caseDir);
  if (!info) return info.status();
  RecordedCase out{info.value(), ProcedureRecord(protocol), 0};
  std::ifstream in(caseDir / kJournalFileName);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_discarded() || !out.record.apply(event)) ++out.linesSkipped;
  }
  return out;
}

}  // namespace fg::procedure
