#pragma once
// SqliteConnection: one owned sqlite3 handle on the timeline file, a cache of prepared
// statements, and error values that name the file and say what to do.
// Thread affinity: one thread at a time (the owning TimelineStore's).

#include "LockWait.h"
#include "SqliteStatement.h"

#include "pxp/models/timeline/TimelineError.h"

#include <QString>

#include <memory>
#include <string>
#include <unordered_map>

struct sqlite3;

namespace pxp::models::timeline {

class SqliteConnection {
public:
  // `flags` are SQLITE_OPEN_* flags; a writer waits up to `busyTimeoutMs` for another one.
  static TimelineResult<SqliteConnection> open(const QString &file, int flags, int busyTimeoutMs);
  SqliteConnection(SqliteConnection &&other) noexcept;
  SqliteConnection &operator=(SqliteConnection &&other) noexcept;
  SqliteConnection(const SqliteConnection &) = delete;
  SqliteConnection &operator=(const SqliteConnection &) = delete;
  ~SqliteConnection();

  // A statement for one SQL statement, prepared once per connection and then reused.
  TimelineResult<SqliteStatement> prepare(const char *sql) const;
  // Runs one statement that returns no rows (BEGIN, COMMIT ...), through the same cache.
  TimelineResult<TimelineOk> run(const char *sql) const;
  // Runs one or more statements that return no rows, parsed each time (DDL, PRAGMAs).
  TimelineResult<TimelineOk> exec(const QString &sql) const;
  // The first column of the first row of `sql` (a PRAGMA, a count); empty / 0 for no row.
  TimelineResult<QString> queryText(const char *sql) const;
  TimelineResult<qint64> queryInt(const char *sql) const;
  // queryText(), run again while it fails with SQLITE_BUSY, up to the busy timeout. For
  // statements that take a lock without calling the busy handler (PRAGMA journal_mode).
  TimelineResult<QString> queryTextWaitingOutBusy(const char *sql) const;

  // Leaves the WAL exactly as found when this connection closes: for a file that may be evidence.
  void leaveWalOnClose() const;

  // "timeline database <file>: <what>: <sqlite message>; <what to do>".
  TimelineError error(const QString &what, int rc) const;
  int lastErrorCode() const;
  QString lastErrorMessage() const;
  qint64 changes() const;
  bool inTransaction() const;
  const QString &file() const { return m_file; }

private:
  SqliteConnection(sqlite3 *db, QString file);
  // Steps `sql` to its first row; the result code, with the first column in `text` / `number`.
  int firstRow(const char *sql, QString &text, qint64 &number) const;
  void finalizeCache();
  sqlite3 *m_db = nullptr;
  QString m_file;
  std::unique_ptr<LockWait> m_lockWait; // on the heap: SQLite keeps its address
  // Prepared statements by SQL text; our SQL is a few dozen fixed strings. Finalized before
  // the handle closes. Mutable: preparing does not change what the connection reads.
  mutable std::unordered_map<std::string, sqlite3_stmt *> m_cache;
};

// The primary result code (SQLITE_CORRUPT for SQLITE_CORRUPT_VTAB ...).
int primaryCode(int rc);
// What a SQLite result code means for the user of the store.
TimelineError::Code errorCodeFor(int rc);

} // namespace pxp::models::timeline
