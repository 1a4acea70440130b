#include "AuditLog.h"

namespace pxpd {

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

pxp::v1::AuditEntry MemoryAuditLog::append(pxp::v1::AuditEntry entry) {
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

AuditLog::KeyState MemoryAuditLog::lookupKey(const std::string &key, const std::string &fingerprint,
                                             pxp::v1::CommandResult &first) const {
  const auto it = m_keys.find(key);
  if (it == m_keys.end())
    return KeyState::New;
  if (it->second.first != fingerprint)
    return KeyState::Conflict;
  first = it->second.second;
  return KeyState::Completed;
}

void MemoryAuditLog::rememberKey(const std::string &key, const std::string &fingerprint,
                                 const pxp::v1::CommandResult &result) {
  m_keys[key] = {fingerprint, result};
}

} // namespace pxpd
