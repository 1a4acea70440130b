#include "pxpd/audit/AuditStore.h"

#include "CommandJournal.h"
#include "Connection.h"
#include "CorruptFileQuarantine.h"
#include "DirectorySync.h"
#include "EntryTable.h"
#include "Schema.h"
#include "WriteTransaction.h"

#include <sqlite3.h>

#include <algorithm>
#include <mutex>

namespace pxpd::audit {

static_assert(AuditStore::kSchemaVersion == Schema::kCurrentVersion);

struct AuditStore::Impl {
  Impl(Connection c, std::optional<CorruptFileQuarantine::MovedAside> aside)
      : movedAside(std::move(aside)), conn(std::move(c)) {}

  const std::optional<CorruptFileQuarantine::MovedAside> movedAside;
  mutable std::mutex mutex;
  Connection conn; // guarded by mutex: one sqlite3 handle, used by one thread at a time
};

namespace {

// WAL + synchronous=FULL: each commit is fsync'ed to the WAL before it returns, so an entry
// reported as appended survives power loss, not only kill -9. Read back: a silent fallback
// (a filesystem without shared memory for WAL) would weaken that promise.
Result<Ok> configure(const Connection &conn) {
  const auto mode = conn.queryTextWaitingOutBusy("PRAGMA journal_mode = WAL");
  if (!mode)
    return Error{mode.error()};
  if (mode.value() != "wal")
    return Error{"audit log " + conn.file().string() + ": cannot use WAL journaling (got \"" + mode.value() +
                 "\"); put the state directory on a local filesystem"};
  if (auto r = conn.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON"); !r)
    return r;
  const auto sync = conn.queryInt("PRAGMA synchronous");
  const auto fk = conn.queryInt("PRAGMA foreign_keys");
  if (!sync || !fk || sync.value() != 2 || fk.value() != 1)
    return Error{"audit log " + conn.file().string() +
                 ": SQLite refused synchronous=FULL or foreign_keys=ON; this SQLite build cannot be used"};
  return Ok{};
}

} // namespace

Result<std::unique_ptr<AuditStore>> AuditStore::open(const std::filesystem::path &path, const Clock &clock) {
  std::error_code ec;
  std::filesystem::path file = std::filesystem::absolute(path, ec);
  if (ec)
    file = path;
  std::filesystem::create_directories(file.parent_path(), ec);
  if (ec)
    return Error{"audit log " + file.string() + ": cannot create directory " + file.parent_path().string() + ": " +
                 ec.message() + "; check that the state directory is writable by the user pxpd runs as"};
  auto aside = CorruptFileQuarantine::checkAndMoveAside(file, clock.nowMs(), kBusyTimeoutMs);
  if (!aside)
    return Error{aside.error()};
  const bool created = !std::filesystem::exists(file, ec);
  auto conn = Connection::open(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, kBusyTimeoutMs);
  if (!conn)
    return Error{conn.error()};
  if (auto r = Schema::checkCompatible(conn.value()); !r) // before configure() writes to the file
    return Error{r.error()};
  if (auto r = configure(conn.value()); !r)
    return Error{r.error()};
  if (auto r = Schema::migrateForward(conn.value()); !r)
    return Error{r.error()};
  // SQLite opens a file it may not write read-only without a word; every command would then
  // fail later. Take the write lock once now, so pxpd refuses to start instead.
  if (auto r = conn.value().exec("BEGIN IMMEDIATE; CREATE TABLE pxp_write_probe(x); ROLLBACK"); !r)
    return Error{"audit log " + file.string() + " is not writable (" + r.error() +
                 "): check the permissions and attributes of the file and of " + file.parent_path().string() +
                 " for the user pxpd runs as, or point --state-dir elsewhere"};
  if (created)
    syncDirectory(file.parent_path()); // SQLite syncs the directory for a new -wal, not for the file
  auto impl = std::make_unique<Impl>(std::move(conn.value()), std::move(aside.value()));
  return std::unique_ptr<AuditStore>(new AuditStore(std::move(impl)));
}

AuditStore::AuditStore(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}

AuditStore::~AuditStore() = default;

const std::filesystem::path &AuditStore::file() const {
  return d->conn.file();
}

std::optional<std::string> AuditStore::movedAsideTo() const {
  if (!d->movedAside)
    return std::nullopt;
  return d->movedAside->to.string();
}

std::optional<std::string> AuditStore::openWarning() const {
  if (!d->movedAside)
    return std::nullopt;
  const auto &aside = *d->movedAside;
  return "audit log " + file().string() + " was damaged (" + aside.damage + "); moved it aside to " +
         aside.to.string() +
         " and started a fresh audit log; the old file is kept: salvage its entries with `sqlite3 " +
         aside.to.string() + " .recover > recovered.sql`";
}

Result<Entry> AuditStore::append(Entry e) {
  std::lock_guard lock(d->mutex);
  auto tx = WriteTransaction::begin(d->conn);
  if (!tx)
    return Error{tx.error()};
  auto inserted = EntryTable(d->conn).insert(std::move(e));
  if (!inserted)
    return inserted;
  if (auto r = tx.value().commit(); !r)
    return Error{r.error()};
  return inserted;
}

Result<std::vector<Entry>> AuditStore::query(const Query &q) const {
  std::lock_guard lock(d->mutex);
  return EntryTable(d->conn).select(q, kMaxQueryLimit);
}

Result<std::vector<Entry>> AuditStore::recent(int n) const {
  std::lock_guard lock(d->mutex);
  return EntryTable(d->conn).newest(std::min(n, kMaxQueryLimit));
}

Result<std::int64_t> AuditStore::lastSeq() const {
  std::lock_guard lock(d->mutex);
  return EntryTable(d->conn).lastSeq();
}

Result<CommandBegin> AuditStore::beginCommand(const std::string &key, const std::string &command,
                                              const std::string &fingerprint, std::int64_t nowMs) {
  std::lock_guard lock(d->mutex);
  return CommandJournal(d->conn).begin(key, command, fingerprint, nowMs);
}

Result<Entry> AuditStore::completeCommand(const std::string &key, Entry result) {
  std::lock_guard lock(d->mutex);
  return CommandJournal(d->conn).complete(key, std::move(result));
}

Result<std::vector<PendingCommand>> AuditStore::pendingCommands() const {
  std::lock_guard lock(d->mutex);
  return CommandJournal(d->conn).pending();
}

Result<std::int64_t> AuditStore::expireKeysOlderThan(std::int64_t cutoffMs) {
  std::lock_guard lock(d->mutex);
  return CommandJournal(d->conn).expireOlderThan(cutoffMs);
}

} // namespace pxpd::audit
