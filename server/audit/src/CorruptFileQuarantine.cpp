#include "CorruptFileQuarantine.h"

#include "Connection.h"
#include "DirectorySync.h"

#include <sqlite3.h>

#include <array>
#include <ctime>
#include <sstream>
#include <vector>

namespace pxpd::audit {
namespace {

constexpr std::size_t kMaxDamageLines = 3; // quick_check lists up to 100 problems; a log line needs a few

bool isDamage(int rc) {
  const int primary = primaryCode(rc);
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

std::filesystem::path withSuffix(const std::filesystem::path &file, const std::string &suffix) {
  return {file.string() + suffix};
}

} // namespace

Result<std::optional<CorruptFileQuarantine::MovedAside>>
CorruptFileQuarantine::checkAndMoveAside(const std::filesystem::path &file, std::int64_t nowMs, int busyTimeoutMs) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec))
    return std::optional<MovedAside>();
  auto found = damage(file, busyTimeoutMs);
  if (!found)
    return Error{found.error()};
  if (!found.value())
    return std::optional<MovedAside>();
  const auto to = asideName(file, nowMs);
  if (auto r = moveAside(file, to); !r)
    return Error{r.error()};
  return std::optional<MovedAside>(MovedAside{to, *found.value()});
}

std::filesystem::path CorruptFileQuarantine::asideName(const std::filesystem::path &file, std::int64_t nowMs) {
  const auto seconds = static_cast<std::time_t>(nowMs / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 32> stamp{};
  std::strftime(stamp.data(), stamp.size(), "%Y%m%d-%H%M%S", &utc);
  const std::string base = file.string() + ".corrupt-" + stamp.data();
  std::string name = base;
  std::error_code ec;
  for (int n = 2; std::filesystem::exists(name, ec) || std::filesystem::exists(name + "-wal", ec); ++n)
    name = base + "-" + std::to_string(n);
  return name;
}

Result<std::optional<std::string>> CorruptFileQuarantine::damage(const std::filesystem::path &file, int busyTimeoutMs) {
  // Read-write: a hot WAL left by a killed writer is recovered on first read, which writes.
  auto conn = Connection::open(file, SQLITE_OPEN_READWRITE, busyTimeoutMs);
  if (!conn)
    return Error{conn.error()};
  const Connection &c = conn.value();
  c.leaveWalOnClose(); // if the file is damaged, its -wal is evidence too
  auto stmt = c.prepare("PRAGMA quick_check");
  if (!stmt) {
    if (isDamage(c.lastErrorCode()))
      return std::optional<std::string>(c.lastErrorMessage());
    return Error{stmt.error()};
  }
  std::vector<std::string> problems;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW) {
    // One row may hold several lines, the first naming the schema ("*** in database main ***").
    std::istringstream lines(stmt.value().text(0));
    for (std::string line; std::getline(lines, line);)
      if (!line.empty() && line.rfind("***", 0) != 0)
        problems.push_back(line);
  }
  if (rc != SQLITE_DONE) {
    if (isDamage(rc))
      return std::optional<std::string>(c.lastErrorMessage());
    return Error{c.error("cannot check it (PRAGMA quick_check)", rc).message};
  }
  if (problems.size() == 1 && problems.front() == "ok")
    return std::optional<std::string>();
  std::string report = "quick_check: ";
  for (std::size_t i = 0; i < problems.size() && i < kMaxDamageLines; ++i)
    report += (i ? "; " : "") + problems[i];
  if (problems.size() > kMaxDamageLines)
    report += "; and " + std::to_string(problems.size() - kMaxDamageLines) + " more";
  return std::optional<std::string>(report);
}

Result<Ok> CorruptFileQuarantine::moveAside(const std::filesystem::path &file, const std::filesystem::path &to) {
  // The -wal belongs to the damaged file: left behind, a fresh file would replay its frames.
  for (const std::string suffix : {"", "-wal", "-shm"}) {
    const auto from = withSuffix(file, suffix);
    std::error_code ec;
    if (suffix.empty() || std::filesystem::exists(from, ec)) {
      std::filesystem::rename(from, withSuffix(to, suffix), ec);
      if (ec)
        return Error{"audit log " + file.string() + " is damaged but could not be moved aside to " +
                     withSuffix(to, suffix).string() + ": " + ec.message() +
                     "; move it away by hand (keep it for inspection) and restart pxpd"};
    }
  }
  syncDirectory(file.parent_path());
  return Ok{};
}

} // namespace pxpd::audit
