#pragma once
// AuditStore: pxpd's audit log and command idempotency journal, one SQLite file (WAL,
// synchronous=FULL): an entry reported as appended survives kill -9 and power loss.
// Thread affinity: any thread; calls are serialized by an internal mutex. Other AuditStore
// instances and other processes on the same file are serialized by SQLite's write lock.

#include "pxpd/Clock.h"
#include "pxpd/Result.h"
#include "pxpd/audit/CommandBegin.h"
#include "pxpd/audit/Entry.h"
#include "pxpd/audit/PendingCommand.h"
#include "pxpd/audit/Query.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pxpd::audit {

class AuditStore {
public:
  static constexpr int kSchemaVersion = 2;    // PRAGMA user_version of a current file
  static constexpr int kBusyTimeoutMs = 5000; // how long a writer waits for another one
  static constexpr int kMaxQueryLimit = 1000; // rows per query() page, as in QueryAuditRequest

  // Opens or creates `file` (and its directories), checks it (PRAGMA quick_check) and
  // migrates its schema forward. A damaged file is renamed to
  // `<file>.corrupt-YYYYMMDD-HHMMSS` (UTC, from `clock`), never deleted, and a fresh log is
  // started: see movedAsideTo() and openWarning().
  static Result<std::unique_ptr<AuditStore>> open(const std::filesystem::path &file,
                                                  const Clock &clock = SystemClock::instance());
  ~AuditStore();
  AuditStore(const AuditStore &) = delete;
  AuditStore &operator=(const AuditStore &) = delete;

  const std::filesystem::path &file() const;
  // Where the damaged file went, when open() found one.
  std::optional<std::string> movedAsideTo() const;
  // The one line to log about open(), when it had to move a damaged file aside.
  std::optional<std::string> openWarning() const;

  // Appends `e` (its seq is ignored) and returns it with its seq once it is on disk.
  Result<Entry> append(Entry e);
  // Entries matching `q`, ordered by seq.
  Result<std::vector<Entry>> query(const Query &q) const;
  // The newest `n` entries (at most kMaxQueryLimit), oldest first.
  Result<std::vector<Entry>> recent(int n) const;
  // The seq of the newest entry; 0 when the log is empty.
  Result<std::int64_t> lastSeq() const;

  // Idempotency journal: a command key executes once.
  // A new key is recorded as pending (durably) and Started is returned; see BeginStatus.
  Result<CommandBegin> beginCommand(const std::string &key, const std::string &command, const std::string &fingerprint,
                                    std::int64_t nowMs);
  // Appends the result entry and marks the pending `key` done, in one transaction.
  // `result.idempotencyKey` is set to `key` when empty and must equal it otherwise.
  Result<Entry> completeCommand(const std::string &key, Entry result);
  // Keys begun but never completed, oldest first. At startup these were interrupted by a
  // crash: complete each with a failed entry so retries get a definite answer.
  Result<std::vector<PendingCommand>> pendingCommands() const;
  // Forgets keys begun before `cutoffMs` (pxpd keeps them 7 days); returns how many.
  // Their audit entries stay.
  Result<std::int64_t> expireKeysOlderThan(std::int64_t cutoffMs);

private:
  struct Impl;
  explicit AuditStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> d;
};

} // namespace pxpd::audit
