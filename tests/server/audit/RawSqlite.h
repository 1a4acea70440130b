#pragma once
// RawSqlite: a plain sqlite3 handle the audit tests use to build old or foreign files by hand
// and to inspect what the store wrote, independently of the code under test.
// Thread affinity: the test thread.

#include <sqlite3.h>

#include <QString>

#include <string>

class RawSqlite {
public:
  explicit RawSqlite(const QString &file) {
    if (sqlite3_open_v2(file.toUtf8().constData(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      sqlite3_close(m_db);
      m_db = nullptr;
    }
  }
  ~RawSqlite() { sqlite3_close(m_db); }
  RawSqlite(const RawSqlite &) = delete;
  RawSqlite &operator=(const RawSqlite &) = delete;

  bool isOpen() const { return m_db != nullptr; }

  // Runs statements that return no rows; false (with lastError()) on failure.
  bool exec(const std::string &sql) {
    char *message = nullptr;
    const int rc = m_db ? sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) : SQLITE_CANTOPEN;
    m_lastError = message ? message : (rc == SQLITE_OK ? "" : sqlite3_errstr(rc));
    sqlite3_free(message);
    return rc == SQLITE_OK;
  }

  // The first column of the first row, or "error: ..." so a QCOMPARE shows what went wrong.
  QString text(const std::string &sql) {
    sqlite3_stmt *stmt = nullptr;
    if (!m_db || sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
      return QStringLiteral("error: ") + (m_db ? sqlite3_errmsg(m_db) : "not open");
    QString out;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
      out = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    else if (rc != SQLITE_DONE)
      out = QStringLiteral("error: ") + sqlite3_errmsg(m_db);
    sqlite3_finalize(stmt);
    return out;
  }

  qint64 integer(const std::string &sql) { return text(sql).toLongLong(); }
  const std::string &lastError() const { return m_lastError; }

private:
  sqlite3 *m_db = nullptr;
  std::string m_lastError;
};
