#pragma once
// SqliteStatement: one prepared statement of a timeline connection: bind, step, read
// columns. Either owned (finalized when done) or borrowed from the connection's cache (reset
// and unbound when done). Thread affinity: the thread that owns its connection.

#include <QString>
#include <QtGlobal>

struct sqlite3_stmt;

namespace pxp::models::timeline {

class SqliteStatement {
public:
  enum class Lifetime { Owned, Cached };
  explicit SqliteStatement(sqlite3_stmt *stmt, Lifetime lifetime = Lifetime::Owned);
  SqliteStatement(SqliteStatement &&other) noexcept;
  SqliteStatement &operator=(SqliteStatement &&other) noexcept;
  SqliteStatement(const SqliteStatement &) = delete;
  SqliteStatement &operator=(const SqliteStatement &) = delete;
  ~SqliteStatement();

  // Parameters count from 1. A failed bind is reported by the next step().
  SqliteStatement &bind(int index, qint64 value);
  SqliteStatement &bindText(int index, const QString &text);
  // NULL for an empty string (optional keys under a partial unique index).
  SqliteStatement &bindTextOrNull(int index, const QString &text);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();

  // Columns count from 0.
  qint64 int64(int column) const;
  QString text(int column) const;
  bool isNull(int column) const;
  // The raw UTF-8 text (valid until the next step) and its length, for hot loops.
  const char *utf8(int column) const;
  int bytes(int column) const;

private:
  void release();
  sqlite3_stmt *m_stmt = nullptr;
  Lifetime m_lifetime = Lifetime::Owned;
  int m_bindRc = 0; // SQLITE_OK, or the first failed bind
};

} // namespace pxp::models::timeline
