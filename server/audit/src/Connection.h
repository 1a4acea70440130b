#pragma once
// Connection: one owned sqlite3 handle on an audit file, and error values that name the file
// and say what to do.
// Thread affinity: one thread at a time (AuditStore serializes calls with its mutex).

#include "BusyWait.h"
#include "Statement.h"

#include "pxpd/Result.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace pxpd::audit {

class Connection {
public:
  // `flags` are SQLITE_OPEN_* flags; a writer waits up to `busyTimeoutMs` for another one.
  static Result<Connection> open(const std::filesystem::path &file, int flags, int busyTimeoutMs);
  Connection(Connection &&other) noexcept;
  Connection &operator=(Connection &&other) noexcept;
  Connection(const Connection &) = delete;
  Connection &operator=(const Connection &) = delete;
  ~Connection();

  // A statement for one SQL statement, prepared once per connection and then reused.
  Result<Statement> prepare(std::string_view sql) const;
  // Runs one statement that returns no rows (BEGIN, COMMIT ...), through the same cache.
  Result<Ok> run(std::string_view sql) const;
  // Runs one or more statements that return no rows, parsed each time (migrations, PRAGMAs).
  Result<Ok> exec(const std::string &sql) const;
  // The first column of the first row of `sql` (a PRAGMA, a count).
  Result<std::string> queryText(std::string_view sql) const;
  Result<std::int64_t> queryInt(std::string_view sql) const;
  // queryText(), run again while it fails with SQLITE_BUSY, up to the busy timeout. For
  // statements that upgrade a shared lock (PRAGMA journal_mode): there SQLite returns
  // SQLITE_BUSY at once instead of calling the busy handler, to avoid deadlock.
  Result<std::string> queryTextWaitingOutBusy(std::string_view sql) const;

  // Leaves the WAL exactly as found when this connection closes: no checkpoint into the
  // main file, no truncating or deleting the -wal. For looking at a file that may be evidence.
  void leaveWalOnClose() const;

  // "audit log <file>: <what>: <sqlite message>; <what to do>".
  Error error(std::string_view what, int rc) const;
  // The extended result code of the latest failed call on this connection.
  int lastErrorCode() const;
  // SQLite's own words for that error ("file is not a database").
  std::string lastErrorMessage() const;
  std::int64_t lastInsertRowId() const;
  std::int64_t changes() const;
  bool inTransaction() const;
  const std::filesystem::path &file() const { return m_file; }

private:
  Connection(sqlite3 *db, std::filesystem::path file);
  // Steps `sql` to its first row; the result code, with the first column in `firstColumn`.
  int firstRow(std::string_view sql, std::string &firstColumn, std::int64_t &firstInt) const;
  sqlite3 *m_db = nullptr;
  std::filesystem::path m_file;
  std::unique_ptr<BusyWait> m_busyWait; // on the heap: SQLite keeps its address
  // Prepared statements by SQL text; our SQL is a few dozen fixed strings. Finalized before
  // the handle closes. Mutable: preparing does not change what the connection reads.
  mutable std::unordered_map<std::string, sqlite3_stmt *> m_cache;
  void finalizeCache();
};

// The primary result code (SQLITE_CORRUPT for SQLITE_CORRUPT_VTAB ...).
int primaryCode(int rc);

} // namespace pxpd::audit
