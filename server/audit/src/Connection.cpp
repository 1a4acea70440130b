#include "Connection.h"

#include <sqlite3.h>

#include <utility>

namespace pxpd::audit {
namespace {

std::string_view hintFor(int rc) {
  switch (primaryCode(rc)) {
  case SQLITE_FULL: return "free disk space on that filesystem";
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return "another process held the file locked for too long; look for a stuck pxpd or sqlite3 shell on it";
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN:
  case SQLITE_AUTH: return "check that the state directory exists and is writable by the user pxpd runs as";
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB: return "the file is damaged; restart pxpd to move it aside and start a fresh audit log";
  case SQLITE_IOERR: return "the disk reported an I/O error; check the system log (dmesg) and the disk";
  case SQLITE_CONSTRAINT: return "the database rejected the data; this is a pxpd bug, please report it";
  default: return "";
  }
}

} // namespace

int primaryCode(int rc) {
  return rc & 0xff;
}

Connection::Connection(sqlite3 *db, std::filesystem::path file) : m_db(db), m_file(std::move(file)) {}

Result<Connection> Connection::open(const std::filesystem::path &file, int flags, int busyTimeoutMs) {
  sqlite3 *db = nullptr;
  const int rc = sqlite3_open_v2(file.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nullptr);
  Connection conn(db, file); // closes `db` on every path, even when the open failed
  if (rc != SQLITE_OK)
    return conn.error("cannot open", rc);
  conn.m_busyWait = std::make_unique<BusyWait>(busyTimeoutMs);
  conn.m_busyWait->install(db);
  return conn;
}

Connection::Connection(Connection &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_file(std::move(other.m_file)),
      m_busyWait(std::move(other.m_busyWait)), m_cache(std::exchange(other.m_cache, {})) {}

Connection &Connection::operator=(Connection &&other) noexcept {
  if (this != &other) {
    finalizeCache();
    sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_file = std::move(other.m_file);
    m_busyWait = std::move(other.m_busyWait);
    m_cache = std::exchange(other.m_cache, {});
  }
  return *this;
}

Connection::~Connection() {
  finalizeCache();
  sqlite3_close_v2(m_db);
}

void Connection::finalizeCache() {
  for (auto &[sql, stmt] : m_cache)
    sqlite3_finalize(stmt);
  m_cache.clear();
}

Result<Statement> Connection::prepare(std::string_view sql) const {
  const std::string key(sql);
  if (const auto it = m_cache.find(key); it != m_cache.end()) {
    if (!sqlite3_stmt_busy(it->second))
      return Statement(it->second, Statement::Lifetime::Cached);
  }
  sqlite3_stmt *stmt = nullptr;
  const int rc =
      sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error("cannot prepare \"" + key.substr(0, 60) + "\"", rc);
  }
  if (m_cache.try_emplace(key, stmt).second)
    return Statement(stmt, Statement::Lifetime::Cached);
  return Statement(stmt); // the cached one is in use (a nested read): this one is private
}

Result<Ok> Connection::run(std::string_view sql) const {
  auto stmt = prepare(sql);
  if (!stmt)
    return Error{stmt.error()};
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE && rc != SQLITE_ROW)
    return error("cannot run \"" + std::string(sql.substr(0, 60)) + "\"", rc);
  return Ok{};
}

Result<Ok> Connection::exec(const std::string &sql) const {
  const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK)
    return error("cannot run \"" + sql.substr(0, 60) + "\"", rc);
  return Ok{};
}

int Connection::firstRow(std::string_view sql, std::string &firstColumn, std::int64_t &firstInt) const {
  sqlite3_stmt *raw = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
  Statement stmt(raw);
  if (rc != SQLITE_OK)
    return rc;
  rc = stmt.step();
  if (rc == SQLITE_ROW) {
    firstColumn = stmt.text(0);
    firstInt = stmt.int64(0);
    return SQLITE_OK;
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

Result<std::string> Connection::queryText(std::string_view sql) const {
  std::string text;
  std::int64_t number = 0;
  if (const int rc = firstRow(sql, text, number); rc != SQLITE_OK)
    return error("cannot run \"" + std::string(sql.substr(0, 60)) + "\"", rc);
  return text;
}

Result<std::int64_t> Connection::queryInt(std::string_view sql) const {
  std::string text;
  std::int64_t number = 0;
  if (const int rc = firstRow(sql, text, number); rc != SQLITE_OK)
    return error("cannot run \"" + std::string(sql.substr(0, 60)) + "\"", rc);
  return number;
}

Result<std::string> Connection::queryTextWaitingOutBusy(std::string_view sql) const {
  std::string text;
  std::int64_t number = 0;
  int rc = SQLITE_OK;
  for (int attempt = 0;; ++attempt) {
    rc = firstRow(sql, text, number);
    if (primaryCode(rc) != SQLITE_BUSY || !m_busyWait->waitMore(attempt))
      break;
  }
  if (rc != SQLITE_OK)
    return error("cannot run \"" + std::string(sql.substr(0, 60)) + "\"", rc);
  return text;
}

Error Connection::error(std::string_view what, int rc) const {
  // sqlite3_errmsg() describes the connection's latest error, which is `rc` right after the call.
  const char *detail = m_db && sqlite3_errcode(m_db) == rc ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
  std::string message = "audit log " + m_file.string() + ": " + std::string(what) + ": " + detail;
  if (const auto hint = hintFor(rc); !hint.empty())
    message += "; " + std::string(hint);
  return Error{std::move(message)};
}

void Connection::leaveWalOnClose() const {
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  int persist = 1;
  sqlite3_file_control(m_db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
}

int Connection::lastErrorCode() const {
  return sqlite3_extended_errcode(m_db);
}

std::string Connection::lastErrorMessage() const {
  return sqlite3_errmsg(m_db);
}

std::int64_t Connection::lastInsertRowId() const {
  return sqlite3_last_insert_rowid(m_db);
}

std::int64_t Connection::changes() const {
  return sqlite3_changes64(m_db);
}

bool Connection::inTransaction() const {
  return sqlite3_get_autocommit(m_db) == 0;
}

} // namespace pxpd::audit
