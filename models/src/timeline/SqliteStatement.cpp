#include "SqliteStatement.h"

#include <sqlite3.h>

#include <utility>

namespace pxp::models::timeline {

SqliteStatement::SqliteStatement(sqlite3_stmt *stmt, Lifetime lifetime) : m_stmt(stmt), m_lifetime(lifetime) {}

SqliteStatement::SqliteStatement(SqliteStatement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_lifetime(other.m_lifetime), m_bindRc(other.m_bindRc) {}

SqliteStatement &SqliteStatement::operator=(SqliteStatement &&other) noexcept {
  if (this != &other) {
    release();
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_lifetime = other.m_lifetime;
    m_bindRc = other.m_bindRc;
  }
  return *this;
}

SqliteStatement::~SqliteStatement() {
  release();
}

void SqliteStatement::release() {
  if (!m_stmt)
    return;
  if (m_lifetime == Lifetime::Cached) {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
  } else {
    sqlite3_finalize(m_stmt);
  }
  m_stmt = nullptr;
}

SqliteStatement &SqliteStatement::bind(int index, qint64 value) {
  const int rc = sqlite3_bind_int64(m_stmt, index, value);
  if (m_bindRc == SQLITE_OK)
    m_bindRc = rc;
  return *this;
}

SqliteStatement &SqliteStatement::bindText(int index, const QString &text) {
  const QByteArray utf8 = text.toUtf8();
  const int rc =
      sqlite3_bind_text64(m_stmt, index, utf8.constData(), sqlite3_uint64(utf8.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (m_bindRc == SQLITE_OK)
    m_bindRc = rc;
  return *this;
}

SqliteStatement &SqliteStatement::bindTextOrNull(int index, const QString &text) {
  if (!text.isEmpty())
    return bindText(index, text);
  const int rc = sqlite3_bind_null(m_stmt, index);
  if (m_bindRc == SQLITE_OK)
    m_bindRc = rc;
  return *this;
}

int SqliteStatement::step() {
  if (m_bindRc != SQLITE_OK)
    return m_bindRc;
  return sqlite3_step(m_stmt);
}

qint64 SqliteStatement::int64(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

QString SqliteStatement::text(int column) const {
  const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
  return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column)) : QString();
}

bool SqliteStatement::isNull(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

const char *SqliteStatement::utf8(int column) const {
  const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
  return data ? data : "";
}

int SqliteStatement::bytes(int column) const {
  return sqlite3_column_bytes(m_stmt, column);
}

} // namespace pxp::models::timeline
