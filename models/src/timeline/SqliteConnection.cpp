#include "SqliteConnection.h"

#include <sqlite3.h>

#include <utility>

namespace pxp::models::timeline {
namespace {

QString hintFor(int rc) {
  switch (primaryCode(rc)) {
  case SQLITE_FULL: return QStringLiteral("free disk space on that file system and try again");
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return QStringLiteral("another pxp-console (or a sqlite3 shell) held the file locked for more than 5 s; "
                          "close it and try again");
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_CANTOPEN:
  case SQLITE_AUTH: return QStringLiteral("check that the file and its folder exist and are writable by you");
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB:
    return QStringLiteral("the file is damaged; restart pxp-console to move it aside and start a fresh timeline");
  case SQLITE_IOERR: return QStringLiteral("the disk reported an I/O error; check the system log (dmesg) and the disk");
  case SQLITE_CONSTRAINT:
    return QStringLiteral("the database refused the data; this is a pxp-console bug, please report it");
  default: return {};
  }
}

} // namespace

int primaryCode(int rc) {
  return rc & 0xff;
}

TimelineError::Code errorCodeFor(int rc) {
  switch (primaryCode(rc)) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED: return TimelineError::Code::Busy;
  case SQLITE_CORRUPT:
  case SQLITE_NOTADB: return TimelineError::Code::Corrupt;
  case SQLITE_READONLY:
  case SQLITE_PERM:
  case SQLITE_AUTH: return TimelineError::Code::ReadOnly;
  case SQLITE_FULL:
  case SQLITE_IOERR:
  case SQLITE_CANTOPEN: return TimelineError::Code::Io;
  default: return TimelineError::Code::Internal;
  }
}

SqliteConnection::SqliteConnection(sqlite3 *db, QString file) : m_db(db), m_file(std::move(file)) {}

TimelineResult<SqliteConnection> SqliteConnection::open(const QString &file, int flags, int busyTimeoutMs) {
  sqlite3 *db = nullptr;
  const int rc =
      sqlite3_open_v2(file.toUtf8().constData(), &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nullptr);
  SqliteConnection conn(db, file); // closes `db` on every path, even when the open failed
  if (rc != SQLITE_OK)
    return conn.error(QStringLiteral("cannot open"), rc);
  conn.m_lockWait = std::make_unique<LockWait>(busyTimeoutMs);
  conn.m_lockWait->install(db);
  return conn;
}

SqliteConnection::SqliteConnection(SqliteConnection &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_file(std::move(other.m_file)),
      m_lockWait(std::move(other.m_lockWait)), m_cache(std::exchange(other.m_cache, {})) {}

SqliteConnection &SqliteConnection::operator=(SqliteConnection &&other) noexcept {
  if (this != &other) {
    finalizeCache();
    sqlite3_close_v2(m_db);
    m_db = std::exchange(other.m_db, nullptr);
    m_file = std::move(other.m_file);
    m_lockWait = std::move(other.m_lockWait);
    m_cache = std::exchange(other.m_cache, {});
  }
  return *this;
}

SqliteConnection::~SqliteConnection() {
  finalizeCache();
  sqlite3_close_v2(m_db);
}

void SqliteConnection::finalizeCache() {
  for (auto &[sql, stmt] : m_cache)
    sqlite3_finalize(stmt);
  m_cache.clear();
}

TimelineResult<SqliteStatement> SqliteConnection::prepare(const char *sql) const {
  const std::string key(sql);
  if (const auto it = m_cache.find(key); it != m_cache.end() && !sqlite3_stmt_busy(it->second))
    return SqliteStatement(it->second, SqliteStatement::Lifetime::Cached);
  sqlite3_stmt *stmt = nullptr;
  const int rc = sqlite3_prepare_v3(m_db, sql, int(key.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return error(QStringLiteral("cannot prepare \"%1\"").arg(QString::fromUtf8(sql).left(60)), rc);
  }
  if (m_cache.try_emplace(key, stmt).second)
    return SqliteStatement(stmt, SqliteStatement::Lifetime::Cached);
  return SqliteStatement(stmt); // the cached one is in use (a nested read): this one is private
}

TimelineResult<TimelineOk> SqliteConnection::run(const char *sql) const {
  auto stmt = prepare(sql);
  if (!stmt)
    return stmt.error();
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE && rc != SQLITE_ROW)
    return error(QStringLiteral("cannot run \"%1\"").arg(QString::fromUtf8(sql).left(60)), rc);
  return TimelineOk{};
}

TimelineResult<TimelineOk> SqliteConnection::exec(const QString &sql) const {
  const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK)
    return error(QStringLiteral("cannot run \"%1\"").arg(sql.simplified().left(60)), rc);
  return TimelineOk{};
}

int SqliteConnection::firstRow(const char *sql, QString &text, qint64 &number) const {
  sqlite3_stmt *raw = nullptr;
  int rc = sqlite3_prepare_v2(m_db, sql, -1, &raw, nullptr);
  SqliteStatement stmt(raw);
  if (rc != SQLITE_OK)
    return rc;
  rc = stmt.step();
  if (rc == SQLITE_ROW) {
    text = stmt.text(0);
    number = stmt.int64(0);
    return SQLITE_OK;
  }
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

TimelineResult<QString> SqliteConnection::queryText(const char *sql) const {
  QString text;
  qint64 number = 0;
  if (const int rc = firstRow(sql, text, number); rc != SQLITE_OK)
    return error(QStringLiteral("cannot run \"%1\"").arg(QString::fromUtf8(sql).left(60)), rc);
  return text;
}

TimelineResult<qint64> SqliteConnection::queryInt(const char *sql) const {
  QString text;
  qint64 number = 0;
  if (const int rc = firstRow(sql, text, number); rc != SQLITE_OK)
    return error(QStringLiteral("cannot run \"%1\"").arg(QString::fromUtf8(sql).left(60)), rc);
  return number;
}

TimelineResult<QString> SqliteConnection::queryTextWaitingOutBusy(const char *sql) const {
  QString text;
  qint64 number = 0;
  int rc = SQLITE_OK;
  for (int attempt = 0;; ++attempt) {
    rc = firstRow(sql, text, number);
    if (primaryCode(rc) != SQLITE_BUSY || !m_lockWait->waitMore(attempt))
      break;
  }
  if (rc != SQLITE_OK)
    return error(QStringLiteral("cannot run \"%1\"").arg(QString::fromUtf8(sql).left(60)), rc);
  return text;
}

TimelineError SqliteConnection::error(const QString &what, int rc) const {
  // sqlite3_errmsg() describes the connection's latest error, which is `rc` right after the call.
  const char *detail = m_db && sqlite3_extended_errcode(m_db) == rc ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
  QString message = QStringLiteral("timeline database %1: %2: %3").arg(m_file, what, QString::fromUtf8(detail));
  if (const QString hint = hintFor(rc); !hint.isEmpty())
    message += QStringLiteral("; ") + hint;
  return TimelineError{errorCodeFor(rc), message, m_file};
}

void SqliteConnection::leaveWalOnClose() const {
  sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  int persist = 1;
  sqlite3_file_control(m_db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
}

int SqliteConnection::lastErrorCode() const {
  return sqlite3_extended_errcode(m_db);
}

QString SqliteConnection::lastErrorMessage() const {
  return QString::fromUtf8(sqlite3_errmsg(m_db));
}

qint64 SqliteConnection::changes() const {
  return sqlite3_changes64(m_db);
}

bool SqliteConnection::inTransaction() const {
  return sqlite3_get_autocommit(m_db) == 0;
}

} // namespace pxp::models::timeline
