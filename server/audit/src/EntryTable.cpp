#include "EntryTable.h"

#include <sqlite3.h>

#include <algorithm>
#include <string>

namespace pxpd::audit {
namespace {

constexpr std::string_view kColumns = "seq, time_ms, kind, actor, role, command, target, reason, idempotency_key, "
                                      "before_json, after_json, ok, result, service, decision_blob";

Entry readRow(const Statement &s) {
  Entry e;
  e.seq = s.int64(0);
  e.timeMs = s.int64(1);
  e.kind = static_cast<Kind>(s.int64(2)); // the schema's CHECK keeps it in range
  e.actor = s.text(3);
  e.role = static_cast<int>(s.int64(4));
  e.command = s.text(5);
  e.target = s.text(6);
  e.reason = s.text(7);
  e.idempotencyKey = s.text(8);
  e.before = s.text(9);
  e.after = s.text(10);
  e.ok = s.int64(11) != 0;
  e.result = s.text(12);
  e.service = s.text(13);
  e.decisionBlob = s.blob(14);
  return e;
}

std::string selectFrom(std::string_view rest) {
  return "SELECT " + std::string(kColumns) + " FROM audit_entry " + std::string(rest);
}

} // namespace

Result<Entry> EntryTable::insert(Entry e) const {
  const int kind = static_cast<int>(e.kind);
  if (kind < 1 || kind > 4 || e.role < 0 || e.role > 4)
    return Error{"audit log " + m_conn.file().string() + ": refused entry \"" + e.command + "\" with kind " +
                 std::to_string(kind) + " and role " + std::to_string(e.role) +
                 ": kind must be 1..4 (Decision, Command, Config, AuthDenied) and role 0..4 (0 = automation); "
                 "this is a pxpd bug, please report it"};
  static const std::string sql = "INSERT INTO audit_entry (" + std::string(kColumns.substr(5)) +
                                 ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"; // every column but seq
  auto stmt = m_conn.prepare(sql);
  if (!stmt)
    return Error{stmt.error()};
  auto &s = stmt.value();
  s.bind(1, e.timeMs).bind(2, static_cast<std::int64_t>(e.kind)).bindText(3, e.actor).bind(4, e.role);
  s.bindText(5, e.command).bindText(6, e.target).bindText(7, e.reason).bindText(8, e.idempotencyKey);
  s.bindText(9, e.before).bindText(10, e.after).bind(11, e.ok ? 1 : 0).bindText(12, e.result);
  s.bindText(13, e.service).bindBlob(14, e.decisionBlob);
  if (const int rc = s.step(); rc != SQLITE_DONE)
    return m_conn.error("cannot append " + std::string(kindName(e.kind)) + " entry \"" + e.command + "\"", rc);
  e.seq = m_conn.lastInsertRowId();
  return e;
}

Result<std::vector<Entry>> EntryTable::select(const Query &q, int maxLimit) const {
  std::string where = "WHERE seq > ?1";
  if (q.startMs != 0)
    where += " AND time_ms >= ?2";
  if (q.endMs != 0)
    where += " AND time_ms < ?3";
  if (!q.service.empty())
    where += " AND service = ?4";
  if (q.kind != 0)
    where += " AND kind = ?5";
  auto stmt = m_conn.prepare(selectFrom(where + " ORDER BY seq LIMIT ?6"));
  if (!stmt)
    return Error{stmt.error()};
  auto &s = stmt.value();
  s.bind(1, q.afterSeq);
  if (q.startMs != 0)
    s.bind(2, q.startMs);
  if (q.endMs != 0)
    s.bind(3, q.endMs);
  if (!q.service.empty())
    s.bindText(4, q.service);
  if (q.kind != 0)
    s.bind(5, q.kind);
  s.bind(6, q.limit <= 0 ? std::min(Query{}.limit, maxLimit) : std::min(q.limit, maxLimit));
  return readAll(s, "cannot read entries");
}

Result<std::vector<Entry>> EntryTable::newest(int n) const {
  if (n <= 0)
    return std::vector<Entry>();
  auto stmt = m_conn.prepare(selectFrom("ORDER BY seq DESC LIMIT ?1"));
  if (!stmt)
    return Error{stmt.error()};
  stmt.value().bind(1, n);
  auto rows = readAll(stmt.value(), "cannot read the newest entries");
  if (rows)
    std::reverse(rows.value().begin(), rows.value().end());
  return rows;
}

Result<std::optional<Entry>> EntryTable::bySeq(std::int64_t seq) const {
  auto stmt = m_conn.prepare(selectFrom("WHERE seq = ?1"));
  if (!stmt)
    return Error{stmt.error()};
  stmt.value().bind(1, seq);
  auto rows = readAll(stmt.value(), "cannot read entry " + std::to_string(seq));
  if (!rows)
    return Error{rows.error()};
  if (rows.value().empty())
    return std::optional<Entry>();
  return std::optional<Entry>(std::move(rows.value().front()));
}

Result<std::int64_t> EntryTable::lastSeq() const {
  return m_conn.queryInt("SELECT coalesce(max(seq), 0) FROM audit_entry");
}

Result<std::vector<Entry>> EntryTable::readAll(Statement &stmt, std::string_view what) const {
  std::vector<Entry> out;
  int rc = 0;
  while ((rc = stmt.step()) == SQLITE_ROW)
    out.push_back(readRow(stmt));
  if (rc != SQLITE_DONE)
    return m_conn.error(what, rc);
  return out;
}

} // namespace pxpd::audit
