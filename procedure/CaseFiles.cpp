#include "procedure/CaseFiles.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <random>

namespace fg::procedure {
namespace fs = std::filesystem;

core::Status makePrivateDir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return core::Status::error(core::StatusCode::Io,
                               "cannot create folder " + dir.string() + ": " +
                                   (ec ? ec.message() : "a file is in the way"));
  }
  fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec)
    return core::Status::error(core::StatusCode::Io,
                               "cannot restrict " + dir.string() + ": " + ec.message());
  return core::Status::ok();
}

core::Status writeJson(const nlohmann::json& value, const fs::path& path) {
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    // Owner-only: case files hold patient details (the folder is owner-only too).
    std::error_code permissions;
    fs::permissions(temp, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, permissions);
    out << value.dump(2) << '\n';
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(temp, ec);
      return core::Status::error(core::StatusCode::Io,
                                 "cannot write " + path.string() + " (disk full or read-only?)");
    }
  }
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec)
    return core::Status::error(core::StatusCode::Io,
                               "cannot write " + path.string() + ": " + ec.message());
  return core::Status::ok();
}

std::string newStudyInstanceUid() {
  std::random_device random;
  unsigned __int128 value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 32) | random();
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  std::string uid = "2.25.";
  uid.append(digits);  // (append: GCC 12 warns falsely on "x" + string)
  return uid;
}

nlohmann::json toJson(const CaseInfo& i) {
  return {{"version", 1},
          {"patientId", i.patientId},
          {"patientName", i.patientName},
          {"birthDate", i.birthDate},
          {"accession", i.accession},
          {"operator", i.operatorName},
          {"site", i.site},
          {"protocol", i.protocolId},
          {"createdAt", i.createdAt},
          {"studyInstanceUid", i.studyInstanceUid}};
}

core::Result<CaseInfo> caseInfoFromJson(const nlohmann::json& j, const std::string& source) {
  if (!j.is_object())
    return core::Status::error(core::StatusCode::Corrupt, source + ": not a JSON object");
  CaseInfo i;
  const std::pair<const char*, std::string*> fields[] = {
      {"patientId", &i.patientId}, {"patientName", &i.patientName}, {"birthDate", &i.birthDate},
      {"accession", &i.accession}, {"operator", &i.operatorName},   {"site", &i.site},
      {"protocol", &i.protocolId}, {"createdAt", &i.createdAt},
      {"studyInstanceUid", &i.studyInstanceUid}};
  for (const auto& [key, target] : fields) {
    if (!j.contains(key)) continue;
    if (!j[key].is_string()) {
      return core::Status::error(core::StatusCode::Corrupt,
                                 source + ": field '" + key + "' must be text");
    }
    *target = j[key].get<std::string>();
  }
  if (i.protocolId.empty()) {
    return core::Status::error(core::StatusCode::Corrupt, source + ": field 'protocol' is missing");
  }
  if (!i.birthDate.empty()) {
    int y = 0, m = 0, d = 0;
    char extra = 0;
    if (std::sscanf(i.birthDate.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31) {
      return core::Status::error(core::StatusCode::Corrupt,
                                 source + ": field 'birthDate' must be YYYY-MM-DD");
    }
  }
  return i;
}

core::Status writeCaseInfo(const fs::path& caseDir, const CaseInfo& info) {
  if (auto status = makePrivateDir(caseDir); !status) return status;
  return writeJson(toJson(info), caseDir / kCaseFileName);
}

core::Result<CaseInfo> readCaseInfo(const fs::path& caseDir) {
  const fs::path file = caseDir / kCaseFileName;
  std::error_code ec;
  if (!fs::exists(file, ec))
    return core::Status::error(core::StatusCode::NotFound, file.string() + " does not exist");
  std::ifstream in(file);
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded())
    return core::Status::error(core::StatusCode::Corrupt, file.string() + " is not valid JSON");
  return caseInfoFromJson(j, file.string());
}

std::string localTime(const char* strftimeFormat) {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char text[64];
  return std::strftime(text, sizeof text, strftimeFormat, &local) > 0 ? text : "";
}

std::string localWallTime() { return localTime("%Y-%m-%d %H:%M:%S"); }

}  // namespace fg::procedure
