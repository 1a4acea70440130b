// bench_audit_store: what a durable AuditStore::append costs next to the cheapest durable
// SQLite write, a one-row INSERT transaction with WAL + synchronous=FULL, on the same disk in
// the same run; plus the bulk rate of appends from several threads.
//
//   bench_audit_store [--audit_dir=DIR] [benchmark flags]
//
// DIR (default: a fresh directory under the current one) must be on the disk pxpd's state
// directory would use: on tmpfs fsync is free and the figures mean nothing.

#include "pxpd/audit/AuditStore.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using pxpd::audit::AuditStore;
using pxpd::audit::Entry;
using Clock = std::chrono::steady_clock;

std::filesystem::path g_dir; // set once in main() before any benchmark runs
int g_fileNo = 0;

std::filesystem::path freshFile(const char *stem) {
  return g_dir / (std::string(stem) + "-" + std::to_string(++g_fileNo) + ".db");
}

constexpr std::size_t kBarePayloadBytes = 300; // about the text of sampleEntry()

// A typical command record: about 300 bytes of text.
Entry sampleEntry(std::int64_t i) {
  Entry e;
  e.timeMs = 1'700'000'000'000 + i;
  e.actor = "alice";
  e.role = 3;
  e.command = "Rollback";
  e.target = "deploy/checkout-canary";
  e.reason = "canary burns the checkout availability budget at 14x";
  e.idempotencyKey = "6f1c2a9e-3b7d-4c55-9e21-" + std::to_string(100000000000 + i);
  e.before = R"({"version":"v41","traffic":{"canary":10,"stable":90}})";
  e.after = R"({"version":"v40","traffic":{"canary":0,"stable":100}})";
  e.result = "rolled back to v40";
  e.service = "checkout";
  return e;
}

// The reference: one row, one transaction, prepared statements, WAL + synchronous=FULL.
class BareSqlite {
public:
  explicit BareSqlite(const std::filesystem::path &file) {
    sqlite3_open(file.c_str(), &m_db);
    sqlite3_exec(m_db,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                 "CREATE TABLE t (id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL, payload TEXT NOT NULL)",
                 nullptr, nullptr, nullptr);
    sqlite3_prepare_v2(m_db, "BEGIN", -1, &m_begin, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO t (time_ms, payload) VALUES (?1, ?2)", -1, &m_insert, nullptr);
    sqlite3_prepare_v2(m_db, "COMMIT", -1, &m_commit, nullptr);
  }
  ~BareSqlite() {
    for (auto *s : {m_begin, m_insert, m_commit})
      sqlite3_finalize(s);
    sqlite3_close(m_db);
  }
  BareSqlite(const BareSqlite &) = delete;
  BareSqlite &operator=(const BareSqlite &) = delete;

  bool insert(std::int64_t timeMs, const std::string &payload) {
    sqlite3_bind_int64(m_insert, 1, timeMs);
    sqlite3_bind_text(m_insert, 2, payload.data(), static_cast<int>(payload.size()), SQLITE_STATIC);
    const bool ok = step(m_begin) && step(m_insert) && step(m_commit);
    return ok;
  }

private:
  static bool step(sqlite3_stmt *s) {
    const int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE;
  }
  sqlite3 *m_db = nullptr;
  sqlite3_stmt *m_begin = nullptr;
  sqlite3_stmt *m_insert = nullptr;
  sqlite3_stmt *m_commit = nullptr;
};

std::unique_ptr<AuditStore> openStore(benchmark::State &state) {
  auto opened = AuditStore::open(freshFile("audit"));
  if (!opened) {
    state.SkipWithError(opened.error().c_str());
    return nullptr;
  }
  return std::move(opened).value();
}

double msSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The q-quantile (0..1) of `samples`, nearest rank.
double quantile(std::vector<double> samples, double q) {
  if (samples.empty())
    return 0;
  const auto k = static_cast<std::size_t>(std::llround(q * static_cast<double>(samples.size() - 1)));
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(k), samples.end());
  return samples[k];
}

void reportLatency(benchmark::State &state, const std::vector<double> &ms, const std::string &prefix = "") {
  state.counters[prefix + "p50_ms"] = quantile(ms, 0.50);
  state.counters[prefix + "p99_ms"] = quantile(ms, 0.99);
}

// --- benchmarks --------------------------------------------------------------------------

void BM_BareSqliteInsertFull(benchmark::State &state) {
  BareSqlite bare(freshFile("bare"));
  const std::string payload(kBarePayloadBytes, 'x');
  std::vector<double> ms;
  std::int64_t i = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    if (!bare.insert(++i, payload))
      state.SkipWithError("bare INSERT failed");
    ms.push_back(msSince(start));
  }
  reportLatency(state, ms);
}

void BM_AuditStoreAppend(benchmark::State &state) {
  auto store = openStore(state);
  if (!store)
    return;
  std::vector<double> ms;
  std::int64_t i = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    if (!store->append(sampleEntry(++i)))
      state.SkipWithError("append failed");
    ms.push_back(msSince(start));
  }
  reportLatency(state, ms);
}

// Both writes in every iteration, so disk hiccups hit both alike: the fairest ratio.
void BM_AppendVsBareInterleaved(benchmark::State &state) {
  auto store = openStore(state);
  if (!store)
    return;
  BareSqlite bare(freshFile("bare"));
  const std::string payload(kBarePayloadBytes, 'x');
  std::vector<double> appendMs, bareMs;
  std::int64_t i = 0;
  for (auto _ : state) {
    ++i;
    auto start = Clock::now();
    if (!bare.insert(i, payload))
      state.SkipWithError("bare INSERT failed");
    bareMs.push_back(msSince(start));
    start = Clock::now();
    if (!store->append(sampleEntry(i)))
      state.SkipWithError("append failed");
    appendMs.push_back(msSince(start));
  }
  reportLatency(state, bareMs, "bare_");
  reportLatency(state, appendMs, "append_");
  state.counters["p50_ratio"] = quantile(appendMs, 0.5) / std::max(quantile(bareMs, 0.5), 1e-9);
  state.counters["p99_ratio"] = quantile(appendMs, 0.99) / std::max(quantile(bareMs, 0.99), 1e-9);
}

// Bulk rate: every append still durable on its own; threads share one store.
void BM_AuditStoreAppendBulk(benchmark::State &state) {
  static std::unique_ptr<AuditStore> shared; // set up by thread 0, used by all
  if (state.thread_index() == 0)
    shared = openStore(state);
  std::int64_t i = state.thread_index() * 1'000'000'000LL;
  for (auto _ : state) {
    if (!shared || !shared->append(sampleEntry(++i)))
      state.SkipWithError("append failed");
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0)
    shared.reset();
}

BENCHMARK(BM_BareSqliteInsertFull)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_AuditStoreAppend)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_AppendVsBareInterleaved)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(4.0);
BENCHMARK(BM_AuditStoreAppendBulk)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0)->ThreadRange(1, 4);

std::string filesystemOf(const std::filesystem::path &dir) {
  struct statfs fs {};
  if (::statfs(dir.c_str(), &fs) != 0)
    return "unknown";
  switch (static_cast<unsigned long>(fs.f_type)) {
  case 0xEF53:
    return "ext4";
  case 0x01021994:
    return "tmpfs (fsync is free: figures are not meaningful)";
  case 0x58465342:
    return "xfs";
  case 0x9123683E:
    return "btrfs";
  case 0x794c7630:
    return "overlayfs";
  default:
    return "magic " + std::to_string(static_cast<unsigned long>(fs.f_type));
  }
}

} // namespace

int main(int argc, char **argv) {
  std::vector<char *> args;
  std::filesystem::path chosen;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--audit_dir=", 12) == 0)
      chosen = argv[i] + 12;
    else
      args.push_back(argv[i]);
  }
  const bool ownDir = chosen.empty();
  g_dir = ownDir ? std::filesystem::current_path() / ("bench-audit-" + std::to_string(::getpid())) : chosen;
  std::error_code ec;
  std::filesystem::create_directories(g_dir, ec);
  if (ec) {
    std::fprintf(stderr, "bench_audit_store: cannot create %s: %s\n", g_dir.c_str(), ec.message().c_str());
    return 1;
  }
  benchmark::AddCustomContext("audit_dir", g_dir.string());
  benchmark::AddCustomContext("audit_dir_filesystem", filesystemOf(g_dir));
  benchmark::AddCustomContext("sqlite", sqlite3_libversion());

  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data()))
    return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (ownDir)
    std::filesystem::remove_all(g_dir, ec);
  return 0;
}
