#pragma once
// EntryTable: reads and appends rows of the audit_entry table.
// Thread affinity: the thread that owns the Connection.

#include "Connection.h"

#include "pxpd/Result.h"
#include "pxpd/audit/Entry.h"
#include "pxpd/audit/Query.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace pxpd::audit {

class EntryTable {
public:
  explicit EntryTable(const Connection &conn) : m_conn(conn) {}

  // Inside the caller's transaction; returns `e` with its seq.
  Result<Entry> insert(Entry e) const;
  Result<std::vector<Entry>> select(const Query &q, int maxLimit) const;
  Result<std::vector<Entry>> newest(int n) const;
  Result<std::optional<Entry>> bySeq(std::int64_t seq) const;
  Result<std::int64_t> lastSeq() const;

private:
  Result<std::vector<Entry>> readAll(Statement &stmt, std::string_view what) const;
  const Connection &m_conn;
};

} // namespace pxpd::audit
