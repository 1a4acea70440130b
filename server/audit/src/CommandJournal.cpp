#include "CommandJournal.h"

#include "EntryTable.h"
#include "WriteTransaction.h"

#include <sqlite3.h>

#include <optional>

namespace pxpd::audit {
namespace {

struct KeyRow {
  std::string command;
  std::string fingerprint;
  std::int64_t startedMs = 0;
  std::optional<std::int64_t> resultSeq; // empty while pending
};

Result<std::optional<KeyRow>> findKey(const Connection &conn, const std::string &key) {
  auto stmt = conn.prepare("SELECT command, fingerprint, started_ms, result_seq FROM command_key WHERE key = ?1");
  if (!stmt)
    return Error{stmt.error()};
  auto &s = stmt.value();
  s.bindText(1, key);
  const int rc = s.step();
  if (rc == SQLITE_DONE)
    return std::optional<KeyRow>();
  if (rc != SQLITE_ROW)
    return conn.error("cannot look up command key \"" + key + "\"", rc);
  KeyRow row{s.text(0), s.text(1), s.int64(2), std::nullopt};
  if (!s.isNull(3))
    row.resultSeq = s.int64(3);
  return std::optional<KeyRow>(std::move(row));
}

} // namespace

Result<CommandBegin> CommandJournal::begin(const std::string &key, const std::string &command,
                                           const std::string &fingerprint, std::int64_t nowMs) const {
  if (key.empty())
    return Error{"command " + command +
                 " has no idempotency key; every command must carry one (a new UUID per user action)"};
  auto tx = WriteTransaction::begin(m_conn);
  if (!tx)
    return Error{tx.error()};
  auto found = findKey(m_conn, key);
  if (!found)
    return Error{found.error()};
  if (!found.value()) {
    auto stmt =
        m_conn.prepare("INSERT INTO command_key (key, command, fingerprint, started_ms) VALUES (?1, ?2, ?3, ?4)");
    if (!stmt)
      return Error{stmt.error()};
    stmt.value().bindText(1, key).bindText(2, command).bindText(3, fingerprint).bind(4, nowMs);
    if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
      return m_conn.error("cannot record command key \"" + key + "\"", rc);
    if (auto r = tx.value().commit(); !r)
      return Error{r.error()};
    return CommandBegin{BeginStatus::Started, nowMs, command, std::nullopt};
  }
  const KeyRow &row = *found.value();
  CommandBegin out{BeginStatus::Pending, row.startedMs, row.command, std::nullopt};
  if (row.command != command || row.fingerprint != fingerprint) {
    out.status = BeginStatus::Conflict;
  } else if (row.resultSeq) {
    auto stored = EntryTable(m_conn).bySeq(*row.resultSeq);
    if (!stored)
      return Error{stored.error()};
    out.status = BeginStatus::Completed;
    out.stored = std::move(stored.value()); // the foreign key guarantees the entry exists
  }
  return out; // nothing written: the transaction rolls back
}

Result<Entry> CommandJournal::complete(const std::string &key, Entry result) const {
  if (result.idempotencyKey.empty())
    result.idempotencyKey = key;
  if (result.idempotencyKey != key)
    return Error{"completing command key \"" + key + "\" with an entry for key \"" + result.idempotencyKey +
                 "\"; this is a pxpd bug, please report it"};
  auto tx = WriteTransaction::begin(m_conn);
  if (!tx)
    return Error{tx.error()};
  auto found = findKey(m_conn, key);
  if (!found)
    return Error{found.error()};
  if (!found.value())
    return Error{"audit log " + m_conn.file().string() + ": no command began with key \"" + key +
                 "\" (keys expire after 7 days); call beginCommand() first"};
  if (found.value()->resultSeq)
    return Error{"audit log " + m_conn.file().string() + ": command key \"" + key + "\" already completed as entry " +
                 std::to_string(*found.value()->resultSeq) + "; a key completes once"};
  auto inserted = EntryTable(m_conn).insert(std::move(result));
  if (!inserted)
    return inserted;
  auto stmt = m_conn.prepare("UPDATE command_key SET result_seq = ?1 WHERE key = ?2");
  if (!stmt)
    return Error{stmt.error()};
  stmt.value().bind(1, inserted.value().seq).bindText(2, key);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error("cannot mark command key \"" + key + "\" done", rc);
  if (auto r = tx.value().commit(); !r)
    return Error{r.error()};
  return inserted;
}

Result<std::vector<PendingCommand>> CommandJournal::pending() const {
  auto stmt = m_conn.prepare("SELECT key, command, fingerprint, started_ms FROM command_key "
                             "WHERE result_seq IS NULL ORDER BY started_ms, key");
  if (!stmt)
    return Error{stmt.error()};
  std::vector<PendingCommand> out;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW) {
    const auto &s = stmt.value();
    out.push_back(PendingCommand{s.text(0), s.text(1), s.text(2), s.int64(3)});
  }
  if (rc != SQLITE_DONE)
    return m_conn.error("cannot list pending command keys", rc);
  return out;
}

Result<std::int64_t> CommandJournal::expireOlderThan(std::int64_t cutoffMs) const {
  auto tx = WriteTransaction::begin(m_conn);
  if (!tx)
    return Error{tx.error()};
  auto stmt = m_conn.prepare("DELETE FROM command_key WHERE started_ms < ?1");
  if (!stmt)
    return Error{stmt.error()};
  stmt.value().bind(1, cutoffMs);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error("cannot expire command keys", rc);
  const std::int64_t removed = m_conn.changes();
  if (auto r = tx.value().commit(); !r)
    return Error{r.error()};
  return removed;
}

} // namespace pxpd::audit
