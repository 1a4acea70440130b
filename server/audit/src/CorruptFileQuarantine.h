#pragma once
// CorruptFileQuarantine: checks an audit file before use (PRAGMA quick_check) and renames a
// damaged one, with its -wal and -shm, to <file>.corrupt-YYYYMMDD-HHMMSS. Never deletes.
// Thread affinity: the thread running AuditStore::open().

#include "pxpd/Result.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace pxpd::audit {

class CorruptFileQuarantine {
public:
  struct MovedAside {
    std::filesystem::path to;
    std::string damage; // what quick_check or SQLite said about the file
  };

  // Nothing when `file` is missing or healthy. A file that cannot be opened or is busy is an
  // error, not damage: it is left where it is.
  static Result<std::optional<MovedAside>> checkAndMoveAside(const std::filesystem::path &file, std::int64_t nowMs,
                                                             int busyTimeoutMs);

  // "<file>.corrupt-YYYYMMDD-HHMMSS" (UTC), with "-2", "-3" ... appended while that name is taken.
  static std::filesystem::path asideName(const std::filesystem::path &file, std::int64_t nowMs);

private:
  static Result<std::optional<std::string>> damage(const std::filesystem::path &file, int busyTimeoutMs);
  static Result<Ok> moveAside(const std::filesystem::path &file, const std::filesystem::path &to);
};

} // namespace pxpd::audit
