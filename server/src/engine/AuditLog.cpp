#include "AuditLog.h"

#include "pxpd/audit/AuditStore.h"

#include <algorithm>

namespace pxpd {
namespace {

audit::Entry toStore(const pxp::v1::AuditEntry &e) {
  audit::Entry s;
  s.timeMs = e.time_ms();
  s.kind = static_cast<audit::Kind>(e.kind() == pxp::v1::AUDIT_KIND_UNSPECIFIED ? 2 : e.kind());
  s.actor = e.actor();
  s.role = e.role();
  s.command = e.command();
  s.target = e.target();
  s.reason = e.reason();
  s.idempotencyKey = e.idempotency_key();
  s.before = e.before();
  s.after = e.after();
  s.ok = e.ok();
  s.result = e.result();
  s.service = e.service();
  if (e.has_decision())
    s.decisionBlob = e.decision().SerializeAsString();
  return s;
}

pxp::v1::AuditEntry fromStore(const audit::Entry &s) {
  pxp::v1::AuditEntry e;
  e.set_seq(s.seq);
  e.set_time_ms(s.timeMs);
  e.set_kind(static_cast<pxp::v1::AuditKind>(static_cast<int>(s.kind)));
  e.set_actor(s.actor);
  e.set_role(static_cast<pxp::v1::Role>(s.role));
  e.set_command(s.command);
  e.set_target(s.target);
  e.set_reason(s.reason);
  e.set_idempotency_key(s.idempotencyKey);
  e.set_before(s.before);
  e.set_after(s.after);
  e.set_ok(s.ok);
  e.set_result(s.result);
  e.set_service(s.service);
  if (!s.decisionBlob.empty())
    e.mutable_decision()->ParseFromString(s.decisionBlob);
  return e;
}

} // namespace

bool auditMatches(const pxp::v1::AuditEntry &e, const pxp::v1::QueryAuditRequest &req) {
  if (e.seq() <= req.after_seq())
    return false;
  if (req.range().start_ms() && e.time_ms() < req.range().start_ms())
    return false;
  if (req.range().end_ms() && e.time_ms() >= req.range().end_ms())
    return false;
  if (!req.service().empty() && e.service() != req.service())
    return false;
  return req.kind() == pxp::v1::AUDIT_KIND_UNSPECIFIED || e.kind() == req.kind();
}

// ---------------------------------------------------------------- memory

Result<pxp::v1::AuditEntry> MemoryAuditLog::append(pxp::v1::AuditEntry entry) {
  entry.set_seq(static_cast<std::int64_t>(m_entries.size()) + 1);
  m_entries.push_back(entry);
  return entry;
}

std::vector<pxp::v1::AuditEntry> MemoryAuditLog::query(const pxp::v1::QueryAuditRequest &req) const {
  const int limit = req.limit() <= 0 ? 100 : std::min(req.limit(), 1000);
  std::vector<pxp::v1::AuditEntry> out;
  for (const auto &e : m_entries)
    if (auditMatches(e, req) && static_cast<int>(out.size()) < limit)
      out.push_back(e);
  return out;
}

std::vector<pxp::v1::AuditEntry> MemoryAuditLog::recent(int n) const {
  const auto count = std::min<std::size_t>(static_cast<std::size_t>(std::max(n, 0)), m_entries.size());
  return {m_entries.end() - static_cast<std::ptrdiff_t>(count), m_entries.end()};
}

AuditLog::KeyState MemoryAuditLog::begin(const std::string &key, const std::string &, const std::string &fingerprint,
                                         std::int64_t, pxp::v1::AuditEntry &first) {
  const auto it = m_keys.find(key);
  if (it == m_keys.end()) {
    m_keys[key] = {fingerprint, std::nullopt};
    return KeyState::New;
  }
  if (it->second.fingerprint != fingerprint)
    return KeyState::Conflict;
  if (!it->second.result)
    return KeyState::InProgress;
  first = *it->second.result;
  return KeyState::Completed;
}

Result<pxp::v1::AuditEntry> MemoryAuditLog::complete(const std::string &key, pxp::v1::AuditEntry entry) {
  auto stored = append(std::move(entry));
  m_keys[key].result = stored.value();
  return stored;
}

// ---------------------------------------------------------------- sqlite

SqliteAuditLog::SqliteAuditLog(std::unique_ptr<audit::AuditStore> store) : m_store(std::move(store)) {}
SqliteAuditLog::~SqliteAuditLog() = default;

Result<std::unique_ptr<SqliteAuditLog>> SqliteAuditLog::open(const std::filesystem::path &stateDir,
                                                             std::string &warning) {
  auto store = audit::AuditStore::open(stateDir / "audit.db");
  if (!store)
    return Error{store.error()};
  if (auto w = store.value()->openWarning())
    warning = *w;
  std::unique_ptr<SqliteAuditLog> log(new SqliteAuditLog(std::move(store).value()));
  // A command that was executing when pxpd died has no result: give its key a definite one.
  if (auto pending = log->m_store->pendingCommands(); pending) {
    for (const auto &p : pending.value()) {
      audit::Entry e;
      e.timeMs = p.startedMs;
      e.kind = audit::Kind::Command;
      e.actor = "pxpd";
      e.command = p.command;
      e.idempotencyKey = p.key;
      e.ok = false;
      e.result = "pxpd stopped before this command finished; check the current state, then retry with a new key";
      log->m_store->completeCommand(p.key, e);
    }
  }
  return log;
}

Result<pxp::v1::AuditEntry> SqliteAuditLog::append(pxp::v1::AuditEntry entry) {
  auto stored = m_store->append(toStore(entry));
  if (!stored)
    return Error{stored.error()};
  return fromStore(stored.value());
}

std::vector<pxp::v1::AuditEntry> SqliteAuditLog::query(const pxp::v1::QueryAuditRequest &req) const {
  audit::Query q;
  q.startMs = req.range().start_ms();
  q.endMs = req.range().end_ms();
  q.service = req.service();
  q.kind = req.kind();
  q.afterSeq = req.after_seq();
  q.limit = req.limit();
  std::vector<pxp::v1::AuditEntry> out;
  if (auto rows = m_store->query(q); rows)
    for (const auto &r : rows.value())
      out.push_back(fromStore(r));
  return out;
}

std::vector<pxp::v1::AuditEntry> SqliteAuditLog::recent(int n) const {
  std::vector<pxp::v1::AuditEntry> out;
  if (auto rows = m_store->recent(n); rows)
    for (const auto &r : rows.value())
      out.push_back(fromStore(r));
  return out;
}

AuditLog::KeyState SqliteAuditLog::begin(const std::string &key, const std::string &command,
                                         const std::string &fingerprint, std::int64_t nowMs,
                                         pxp::v1::AuditEntry &first) {
  auto r = m_store->beginCommand(key, command, fingerprint, nowMs);
  if (!r)
    return KeyState::InProgress; // the journal could not record the key: refuse to run blind
  switch (r.value().status) {
  case audit::BeginStatus::Started: return KeyState::New;
  case audit::BeginStatus::Conflict: return KeyState::Conflict;
  case audit::BeginStatus::Pending: return KeyState::InProgress;
  case audit::BeginStatus::Completed:
    if (r.value().stored)
      first = fromStore(*r.value().stored);
    return KeyState::Completed;
  }
  return KeyState::InProgress;
}

Result<pxp::v1::AuditEntry> SqliteAuditLog::complete(const std::string &key, pxp::v1::AuditEntry entry) {
  auto stored = m_store->completeCommand(key, toStore(entry));
  if (!stored)
    return Error{stored.error()};
  return fromStore(stored.value());
}

} // namespace pxpd
