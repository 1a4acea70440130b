#pragma once
// AuditLog: where the engine records every decision and command, and the idempotency journal
// that makes a command key execute once. MemoryAuditLog keeps it in memory (the console's
// embedded simulated world, tests); SqliteAuditLog keeps it durably under pxpd's state dir.
// Thread affinity: called with the engine lock held; implementations need no further locking.

#include "pxpd/Result.h"

#include "pxp/v1/control_plane.pb.h"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pxpd {

namespace audit {
class AuditStore;
}

class AuditLog {
public:
  virtual ~AuditLog() = default;
  // Stores `entry`, assigning the next seq; returns the stored entry or the storage error.
  virtual Result<pxp::v1::AuditEntry> append(pxp::v1::AuditEntry entry) = 0;
  virtual std::vector<pxp::v1::AuditEntry> query(const pxp::v1::QueryAuditRequest &req) const = 0;
  virtual std::vector<pxp::v1::AuditEntry> recent(int n) const = 0;

  enum class KeyState { New, Completed, Conflict, InProgress };
  // Starts a command key. New: run the command, then complete(). Completed: `first` holds the
  // entry the key produced before. Conflict: the key was used for another request.
  virtual KeyState begin(const std::string &key, const std::string &command, const std::string &fingerprint,
                         std::int64_t nowMs, pxp::v1::AuditEntry &first) = 0;
  // Appends the command's audit entry and marks the key done, atomically.
  virtual Result<pxp::v1::AuditEntry> complete(const std::string &key, pxp::v1::AuditEntry entry) = 0;
};

class MemoryAuditLog final : public AuditLog {
public:
  Result<pxp::v1::AuditEntry> append(pxp::v1::AuditEntry entry) override;
  std::vector<pxp::v1::AuditEntry> query(const pxp::v1::QueryAuditRequest &req) const override;
  std::vector<pxp::v1::AuditEntry> recent(int n) const override;
  KeyState begin(const std::string &key, const std::string &command, const std::string &fingerprint, std::int64_t nowMs,
                 pxp::v1::AuditEntry &first) override;
  Result<pxp::v1::AuditEntry> complete(const std::string &key, pxp::v1::AuditEntry entry) override;

private:
  struct Key {
    std::string fingerprint;
    std::optional<pxp::v1::AuditEntry> result;
  };
  std::vector<pxp::v1::AuditEntry> m_entries;
  std::map<std::string, Key> m_keys;
};

class SqliteAuditLog final : public AuditLog {
public:
  // Opens <stateDir>/audit.db; `warning` receives the line to log when a damaged file was
  // moved aside. Commands a crash interrupted are completed as failed here.
  static Result<std::unique_ptr<SqliteAuditLog>> open(const std::filesystem::path &stateDir, std::string &warning);
  ~SqliteAuditLog() override;

  Result<pxp::v1::AuditEntry> append(pxp::v1::AuditEntry entry) override;
  std::vector<pxp::v1::AuditEntry> query(const pxp::v1::QueryAuditRequest &req) const override;
  std::vector<pxp::v1::AuditEntry> recent(int n) const override;
  KeyState begin(const std::string &key, const std::string &command, const std::string &fingerprint, std::int64_t nowMs,
                 pxp::v1::AuditEntry &first) override;
  Result<pxp::v1::AuditEntry> complete(const std::string &key, pxp::v1::AuditEntry entry) override;

private:
  explicit SqliteAuditLog(std::unique_ptr<audit::AuditStore> store);
  std::unique_ptr<audit::AuditStore> m_store;
};

// True when `e` matches the filters of `req` (shared by every implementation).
bool auditMatches(const pxp::v1::AuditEntry &e, const pxp::v1::QueryAuditRequest &req);

} // namespace pxpd
