#pragma once
// Schema: the audit file's tables, created and migrated forward by PRAGMA user_version.
// Thread affinity: the thread that owns the Connection.

#include "Connection.h"

#include "pxpd/Result.h"

#include <cstdint>

namespace pxpd::audit {

class Schema {
public:
  static constexpr int kCurrentVersion = 2;
  // PRAGMA application_id of our files ("PXPA"), so a foreign database is never written to.
  static constexpr std::int64_t kApplicationId = 0x50585041;

  // The file's schema version, or an error when pxpd must not touch it (read-only).
  static Result<int> checkCompatible(const Connection &conn);
  // Brings the file to kCurrentVersion in one transaction; returns the version it found.
  // A file from a newer pxpd, or one another program made, is an error and left untouched.
  static Result<int> migrateForward(const Connection &conn);
};

} // namespace pxpd::audit
