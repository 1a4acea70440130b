#include "Schema.h"

#include "WriteTransaction.h"

#include <sqlite3.h>

#include <array>
#include <string>

namespace pxpd::audit {
namespace {

// kMigrations[v] takes a file from version v to v + 1. Append only: a shipped step never changes.
const std::array<std::string, Schema::kCurrentVersion> kMigrations = {
    // v1: the append-only audit log.
    R"sql(
CREATE TABLE audit_entry (
  seq INTEGER PRIMARY KEY,
  time_ms INTEGER NOT NULL,
  kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  actor TEXT NOT NULL,
  role INTEGER NOT NULL CHECK (role BETWEEN 0 AND 4),
  command TEXT NOT NULL,
  target TEXT NOT NULL,
  reason TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  ok INTEGER NOT NULL,
  result TEXT NOT NULL,
  service TEXT NOT NULL
);
CREATE INDEX audit_entry_time ON audit_entry (time_ms);
CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // v2: decision blobs, per-service reads, the command idempotency journal.
    R"sql(
ALTER TABLE audit_entry ADD COLUMN decision_blob BLOB NOT NULL DEFAULT x'';
CREATE INDEX audit_entry_service ON audit_entry (service, seq);
CREATE TABLE command_key (
  key TEXT PRIMARY KEY,
  command TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  result_seq INTEGER REFERENCES audit_entry (seq)
) WITHOUT ROWID;
CREATE INDEX command_key_started ON command_key (started_ms);
)sql",
};

std::string leftUntouched(const Connection &conn, const std::string &why, const std::string &whatToDo) {
  return "audit log " + conn.file().string() + ": " + why + "; pxpd leaves it untouched: " + whatToDo;
}

const std::string kMoveAway = "move the file away, or choose another --state-dir";

} // namespace

Result<int> Schema::checkCompatible(const Connection &conn) {
  // One statement, so one snapshot: separate reads could straddle another process's migration.
  auto stmt = conn.prepare("SELECT (SELECT application_id FROM pragma_application_id), "
                           "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)");
  if (!stmt)
    return Error{stmt.error()};
  if (const int rc = stmt.value().step(); rc != SQLITE_ROW)
    return conn.error("cannot read the schema version", rc);
  const std::int64_t appId = stmt.value().int64(0);
  const std::int64_t version = stmt.value().int64(1);
  const std::int64_t objects = stmt.value().int64(2);
  if (appId != 0 && appId != kApplicationId)
    return Error{leftUntouched(
        conn, "it is a SQLite database of another program (application_id " + std::to_string(appId) + ")", kMoveAway)};
  if (version == 0 && objects != 0)
    return Error{leftUntouched(conn, "it is a SQLite database with tables pxpd did not create", kMoveAway)};
  if (version > kCurrentVersion)
    return Error{leftUntouched(conn,
                               "it has schema version " + std::to_string(version) +
                                   ", written by a newer pxpd (this one knows up to " +
                                   std::to_string(kCurrentVersion) + ")",
                               "run that pxpd, move the file away, or choose another --state-dir")};
  return static_cast<int>(version);
}

Result<int> Schema::migrateForward(const Connection &conn) {
  auto tx = WriteTransaction::begin(conn);
  if (!tx)
    return Error{tx.error()};
  const auto found = checkCompatible(conn); // again inside: another process may have migrated
  if (!found)
    return found;
  const int from = found.value();
  if (from == kCurrentVersion)
    return from;
  for (int v = from; v < kCurrentVersion; ++v) {
    if (auto r = conn.exec(kMigrations[static_cast<std::size_t>(v)]); !r)
      return Error{"migrating to schema version " + std::to_string(v + 1) + ": " + r.error()};
  }
  // PRAGMA values cannot be bound; both are compile-time integers.
  const std::string stamp = "PRAGMA user_version = " + std::to_string(kCurrentVersion) +
                            "; PRAGMA application_id = " + std::to_string(kApplicationId);
  if (auto r = conn.exec(stamp); !r)
    return Error{r.error()};
  if (auto r = tx.value().commit(); !r)
    return Error{r.error()};
  return from;
}

} // namespace pxpd::audit
