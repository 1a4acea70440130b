#include "Statement.h"

#include <sqlite3.h>

#include <utility>

namespace pxpd::audit {

Statement::Statement(sqlite3_stmt *stmt, Lifetime lifetime) : m_stmt(stmt), m_lifetime(lifetime) {}

Statement::Statement(Statement &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_lifetime(other.m_lifetime), m_bindRc(other.m_bindRc) {}

Statement &Statement::operator=(Statement &&other) noexcept {
  if (this != &other) {
    release();
    m_stmt = std::exchange(other.m_stmt, nullptr);
    m_lifetime = other.m_lifetime;
    m_bindRc = other.m_bindRc;
  }
  return *this;
}

Statement::~Statement() {
  release();
}

void Statement::release() {
  if (m_lifetime == Lifetime::Owned) {
    sqlite3_finalize(m_stmt);
  } else if (m_stmt) {
    sqlite3_reset(m_stmt); // ends its read of the database; the next user starts clean
    sqlite3_clear_bindings(m_stmt);
  }
  m_stmt = nullptr;
}

Statement &Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(m_stmt, index, value);
  if (m_bindRc == SQLITE_OK)
    m_bindRc = rc;
  return *this;
}

// std::string::data() is never null, so an empty string binds as '' (not NULL).
Statement &Statement::bindText(int index, const std::string &text) {
  const int rc = sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (m_bindRc == SQLITE_OK)
    m_bindRc = rc;
  return *this;
}

Statement &Statement::bindBlob(int index, const std::string &bytes) {
  const int rc = sqlite3_bind_blob64(m_stmt, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (m_bindRc == SQLITE_OK)
    m_bindRc = rc;
  return *this;
}

int Statement::step() {
  if (m_bindRc != SQLITE_OK)
    return m_bindRc;
  return sqlite3_step(m_stmt);
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(m_stmt, column);
}

std::string Statement::text(int column) const {
  const auto *p = sqlite3_column_text(m_stmt, column);
  const int n = sqlite3_column_bytes(m_stmt, column);
  return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

std::string Statement::blob(int column) const {
  const auto *p = sqlite3_column_blob(m_stmt, column);
  const int n = sqlite3_column_bytes(m_stmt, column);
  return p ? std::string(static_cast<const char *>(p), static_cast<std::size_t>(n)) : std::string();
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

} // namespace pxpd::audit
