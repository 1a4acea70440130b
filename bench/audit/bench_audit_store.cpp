// bench_audit_store: what a durable AuditStore::append costs next to the cheapest durable
// SQLite write, a one-row INSERT transaction with WAL + synchronous=FULL, on the same disk in
// the same run; plus the bulk rate of appends from several threads.
//
//   bench_audit_store [--audit_dir=DIR] [benchmark flags]
//
// DIR (default: a fresh directory under the current one) must be on the disk pxpd's state
// directory would use: on tmpfs fsync is free and the figures mean nothing.

#include "pxpd/audit/AuditStore.h"

#include "SqliteBaseline.h"

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

using pxp::bench::BareSqlite;
using pxp::bench::Clock;
using pxp::bench::msSince;
using pxp::bench::quantile;
using pxpd::audit::AuditStore;
using pxpd::audit::Entry;

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

std::unique_ptr<AuditStore> openStore(benchmark::State &state) {
  auto opened = AuditStore::open(freshFile("audit"));
  if (!opened) {
    state.SkipWithError(opened.error().c_str());
    return nullptr;
  }
  return std::move(opened).value();
}

void reportLatency(benchmark::State &state, const std::vector<double> &ms, const std::string &prefix = "") {
  state.counters[prefix + "p50_ms"] = quantile(ms, 0.50);
  state.counters[prefix + "p99_ms"] = quantile(ms, 0.99);
}

// --- benchmarks --------------------------------------------------------------------------

void BM_BareSqliteInsertFull(benchmark::State &state) {
  BareSqlite bare(freshFile("bare").string());
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
  BareSqlite bare(freshFile("bare").string());
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
  case 0xEF53: return "ext4";
  case 0x01021994: return "tmpfs (fsync is free: figures are not meaningful)";
  case 0x58465342: return "xfs";
  case 0x9123683E: return "btrfs";
  case 0x794c7630: return "overlayfs";
  default: return "magic " + std::to_string(static_cast<unsigned long>(fs.f_type));
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
