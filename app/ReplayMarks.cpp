#include "app/ReplayMarks.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/AssetPaths.hpp"
#include "procedure/CaseFiles.hpp"
#include "procedure/Journal.hpp"
#include "procedure/Protocol.hpp"

namespace fg::app {
namespace fs = std::filesystem;
namespace {

bool isCaseDir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / procedure::kCaseFileName, ec) ||
         fs::exists(dir / procedure::kJournalFileName, ec);
}

// Every line of a JSON-lines file that parses (read only; a missing file has none).
std::vector<nlohmann::json> readJsonLines(const fs::path& file) {
  std::vector<nlohmann::json> events;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    if (!event.is_discarded() && event.is_object()) events.push_back(std::move(event));
  }
  return events;
}

// Step id -> title from the case's protocol; empty when it cannot be read (ids are shown then).
std::map<std::string, std::string> stepTitles(const fs::path& caseDir) {
  std::map<std::string, std::string> titles;
  auto info = procedure::readCaseInfo(caseDir);
  if (!info || info.value().protocolId.empty()) return titles;
  auto protocol =
      procedure::loadProtocol(assetDir() / "protocols" / (info.value().protocolId + ".json"));
  if (!protocol) return titles;
  for (const auto& step : protocol.value().steps) titles[step.id] = step.title;
  return titles;
}

std::string textOf(const nlohmann::json& event, const char* key) {
  const auto it = event.find(key);
  return it != event.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

fs::path replayedCaseDir(const fs::path& sourceFolder) {
  if (isCaseDir(sourceFolder)) return sourceFolder;
  // case/runs/run-001
  const fs::path above = sourceFolder.parent_path().parent_path();
  if (sourceFolder.parent_path().filename() == "runs" && isCaseDir(above)) return above;
  return {};
}

std::optional<size_t> indexOfFrameId(const capture::ReplayTimeline& timeline, uint64_t frameId,
                                     const std::string& segment) {
  for (const auto& s : timeline.segments) {
    if (!segment.empty() && s.name != segment) continue;
    for (size_t i = s.firstIndex; i < s.firstIndex + s.frameCount && i < timeline.frameIds.size();
         ++i) {
      if (timeline.frameIds[i] >= frameId) return i;
    }
  }
  return std::nullopt;
}

std::vector<ReplayMark> loadReplayMarks(const fs::path& caseDir,
                                        const capture::ReplayTimeline& timeline) {
  std::vector<ReplayMark> marks;
  if (caseDir.empty()) return marks;
  const auto titles = stepTitles(caseDir);
  for (const auto& event : readJsonLines(caseDir / procedure::kJournalFileName)) {
    const std::string type = textOf(event, "type");
    if ((type != "step" && type != "timeout") || !event.contains("frameId") ||
        !event["frameId"].is_number_unsigned())
      continue;
    const auto index = indexOfFrameId(timeline, event["frameId"].get<uint64_t>());
    if (!index) continue;  // marked after the last recorded frame
    if (type == "step") {
      const std::string id = textOf(event, "step");
      const auto title = titles.find(id);
      marks.push_back(
          {ReplayMark::Kind::Step, *index,
           (title != titles.end() ? title->second : id) + ": " + textOf(event, "status")});
    } else {
      marks.push_back({ReplayMark::Kind::TimeOut, *index,
                       "time-out " + textOf(event, "level") + " " + textOf(event, "side")});
    }
  }
  for (const auto& note : readJsonLines(caseDir / kReplayNotesFileName)) {
    if (!note.contains("frameId") || !note["frameId"].is_number_unsigned()) continue;
    const auto index =
        indexOfFrameId(timeline, note["frameId"].get<uint64_t>(), textOf(note, "run"));
    if (index) marks.push_back({ReplayMark::Kind::Note, *index, textOf(note, "text")});
  }
  std::stable_sort(marks.begin(), marks.end(),
                   [](const ReplayMark& a, const ReplayMark& b) { return a.index < b.index; });
  return marks;
}

core::Status addReplayNote(const fs::path& caseDir, const capture::ReplayTimeline& timeline,
                           size_t index, const std::string& text) {
  if (caseDir.empty())
    return core::Status::error(core::StatusCode::NotFound,
                               "notes need a case folder; this replay is a lone run");
  if (index >= timeline.frameIds.size())
    return core::Status::error(core::StatusCode::OutOfRange, "no frame to attach the note to");
  std::string run;
  for (const auto& s : timeline.segments) {
    if (index >= s.firstIndex && index < s.firstIndex + s.frameCount) run = s.name;
  }
  auto journal = procedure::Journal::open(caseDir / kReplayNotesFileName);
  if (!journal) return journal.status();
  return journal.value().journal->append({{"type", "note"},
                                          {"run", run},
                                          {"frameId", timeline.frameIds[index]},
                                          {"text", text},
                                          {"wallTime", procedure::localWallTime()}});
}

}  // namespace fg::app
