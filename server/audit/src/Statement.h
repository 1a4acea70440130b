#pragma once
// Statement: one prepared SQLite statement: bind, step, read columns. Either owned (finalized
// when done) or borrowed from its Connection's cache (reset and unbound when done).
// Thread affinity: the thread that owns its Connection.

#include <cstdint>
#include <string>

struct sqlite3_stmt;

namespace pxpd::audit {

class Statement {
public:
  enum class Lifetime { Owned, Cached };
  explicit Statement(sqlite3_stmt *stmt, Lifetime lifetime = Lifetime::Owned);
  Statement(Statement &&other) noexcept;
  Statement &operator=(Statement &&other) noexcept;
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;
  ~Statement();

  // Parameters count from 1. A failed bind is reported by the next step().
  Statement &bind(int index, std::int64_t value);
  Statement &bindText(int index, const std::string &text);
  Statement &bindBlob(int index, const std::string &bytes);

  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step();

  // Columns count from 0.
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  bool isNull(int column) const;

private:
  void release();
  sqlite3_stmt *m_stmt = nullptr;
  Lifetime m_lifetime = Lifetime::Owned;
  int m_bindRc = 0; // SQLITE_OK, or the first failed bind
};

} // namespace pxpd::audit
