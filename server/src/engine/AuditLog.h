#pragma once
// AuditLog: where the engine records every decision and command, and remembers which
// idempotency keys already executed. MemoryAuditLog keeps it in memory (tests, fallback);
// the daemon uses the SQLite-backed implementation under its state directory.
// Thread affinity: called with the engine lock held; implementations need no further locking.

#include "pxp/v1/control_plane.pb.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pxpd {

class AuditLog {
public:
  virtual ~AuditLog() = default;
  // Stores `entry` durably, assigning the next seq; returns the stored entry.
  virtual pxp::v1::AuditEntry append(pxp::v1::AuditEntry entry) = 0;
  virtual std::vector<pxp::v1::AuditEntry> query(const pxp::v1::QueryAuditRequest &req) const = 0;

  enum class KeyState { New, Completed, Conflict };
  // Looks up an idempotency key; fills `first` when it completed before with this fingerprint.
  virtual KeyState lookupKey(const std::string &key, const std::string &fingerprint,
                             pxp::v1::CommandResult &first) const = 0;
  virtual void rememberKey(const std::string &key, const std::string &fingerprint,
                           const pxp::v1::CommandResult &result) = 0;
};

class MemoryAuditLog final : public AuditLog {
public:
  pxp::v1::AuditEntry append(pxp::v1::AuditEntry entry) override;
  std::vector<pxp::v1::AuditEntry> query(const pxp::v1::QueryAuditRequest &req) const override;
  KeyState lookupKey(const std::string &key, const std::string &fingerprint,
                     pxp::v1::CommandResult &first) const override;
  void rememberKey(const std::string &key, const std::string &fingerprint,
                   const pxp::v1::CommandResult &result) override;

private:
  std::vector<pxp::v1::AuditEntry> m_entries;
  std::map<std::string, std::pair<std::string, pxp::v1::CommandResult>> m_keys;
};

// True when `e` matches the filters of `req` (shared by every implementation).
bool auditMatches(const pxp::v1::AuditEntry &e, const pxp::v1::QueryAuditRequest &req);

} // namespace pxpd
