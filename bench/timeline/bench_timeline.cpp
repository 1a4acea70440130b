// bench_timeline: what the incident timeline costs.
//  - An annotation commit (TimelineStore::addEntry, synchronous=FULL) next to the cheapest
//    durable SQLite write, a one-row INSERT transaction with WAL + synchronous=FULL, on the
//    same disk in the same run, interleaved: medians, p99 and their ratios.
//  - The bulk rate of automatic entries (one transaction per batch).
//  - A 100,000-entry timeline: reading it (worker thread), handing it to TimelineModel (GUI
//    thread), filtering it with TimelineFilterProxy by kind and by text, scrolling it, and one
//    back-dated entry landing in the middle. The GUI-thread operations must stay under 50 ms;
//    each reports its max_ms.
//
//   bench_timeline [--timeline_dir=DIR] [benchmark flags]
//
// DIR (default: a fresh directory under the current one) must be on the disk the console's
// data directory would use: on tmpfs fsync is free and the commit figures mean nothing.

#include "pxp/models/timeline/TimelineFilterProxy.h"
#include "pxp/models/timeline/TimelineModel.h"
#include "pxp/models/timeline/TimelineStore.h"

#include <QCoreApplication>

#include "SqliteBaseline.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace pxp::models;
using pxp::bench::BareSqlite;
using pxp::bench::Clock;
using pxp::bench::msSince;
using pxp::bench::quantile;

constexpr qint64 kT0Ms = 1732626000000; // 2024-11-26 13:00:00 UTC
constexpr int kTimelineEntries = 100'000;
constexpr int kViewportRows = 40;       // a tall timeline view
constexpr double kFrameBudgetMs = 50.0; // the "no stall over 50 ms"

std::filesystem::path g_dir; // set once in main() before any benchmark runs
int g_fileNo = 0;

QString freshFile(const char *stem) {
  return QString::fromStdString((g_dir / (std::string(stem) + "-" + std::to_string(++g_fileNo) + ".sqlite")).string());
}

void reportLatency(benchmark::State &state, const std::vector<double> &ms, const std::string &prefix = "") {
  state.counters[prefix + "p50_ms"] = quantile(ms, 0.50);
  state.counters[prefix + "p99_ms"] = quantile(ms, 0.99);
}

// CPU time of this thread: what an operation costs with the machine to itself (wall time on a
// busy 2-core box also counts the time other processes held the CPU).
double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Wall and CPU time of each GUI-thread operation; max_ms is what the 50 ms budget is about.
struct OperationTimes {
  std::vector<double> wallMs, cpuMs;
  template <typename Op> void measure(Op op) {
    const double cpu0 = threadCpuMs();
    const auto start = Clock::now();
    op();
    wallMs.push_back(msSince(start));
    cpuMs.push_back(threadCpuMs() - cpu0);
  }
};

void reportMax(benchmark::State &state, const OperationTimes &times) {
  const auto max = [](const std::vector<double> &v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); };
  state.counters["max_ms"] = max(times.wallMs);
  state.counters["p50_ms"] = quantile(times.wallMs, 0.5);
  state.counters["cpu_max_ms"] = max(times.cpuMs);
  state.counters["cpu_p50_ms"] = quantile(times.cpuMs, 0.5);
  state.counters["over_budget"] = max(times.wallMs) > kFrameBudgetMs ? 1 : 0;
}

std::unique_ptr<TimelineStore> openStore(benchmark::State &state, const QString &file) {
  auto store = std::make_unique<TimelineStore>();
  if (auto opened = store->open(file); !opened) {
    state.SkipWithError(qPrintable(opened.error().message));
    return nullptr;
  }
  return store;
}

QString openIncident(benchmark::State &state, TimelineStore &store) {
  Incident incident;
  incident.title = QStringLiteral("Checkout failing in EU");
  incident.severity = 2;
  incident.commander = QStringLiteral("alice");
  incident.services = {QStringLiteral("payments"), QStringLiteral("checkout")};
  incident.openedAtMs = kT0Ms;
  auto created = store.createIncident(incident, QStringLiteral("alice"));
  if (!created) {
    state.SkipWithError(qPrintable(created.error().message));
    return {};
  }
  return created.value().incident.id;
}

TimelineEntry annotation(const QString &incidentId, std::int64_t i) {
  TimelineEntry entry;
  entry.incidentId = incidentId;
  entry.kind = EntryKind::Note;
  entry.author = QStringLiteral("alice");
  // About the size of a typed note.
  entry.text =
      QStringLiteral("Error rate on checkout-eu is up again after the failover, looking at the DB pool #%1").arg(i);
  return entry;
}

// Automatic entries as the live stream makes them: kinds, authors and texts vary.
TimelineEntry streamEntry(const QString &incidentId, int i) {
  static constexpr std::array kinds = {EntryKind::Alert,    EntryKind::PolicyDecision, EntryKind::Deploy,
                                       EntryKind::Rollback, EntryKind::FlagChange,     EntryKind::Command};
  static constexpr std::array<const char *, 5> authors = {"pxp", "policy:auto-rollback", "ci-bot", "bob", "carol"};
  TimelineEntry entry;
  entry.incidentId = incidentId;
  entry.kind = kinds.at(std::size_t(i) % kinds.size());
  entry.author = QString::fromLatin1(authors.at(std::size_t(i) % authors.size()));
  entry.eventTimeMs = kT0Ms + qint64(i) * 250;
  entry.text = QStringLiteral("%1 checkout-%2 payments v1.%3: burn 14.4x over 1h, canary %4 % failing")
                   .arg(kindName(entry.kind))
                   .arg(i % 97)
                   .arg(i % 13)
                   .arg(i % 100);
  entry.sourceKey = QStringLiteral("bench:%1").arg(i);
  entry.link = QStringLiteral("pxp://deploy/d-%1").arg(i % 1000);
  return entry;
}

// --- commit latency ------------------------------------------------------------------------

void BM_BareSqliteOneRowCommit(benchmark::State &state) {
  BareSqlite bare(freshFile("bare").toStdString());
  const std::string payload(100, 'x');
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

void BM_AnnotationCommit(benchmark::State &state) {
  auto store = openStore(state, freshFile("timeline"));
  if (!store)
    return;
  const QString incidentId = openIncident(state, *store);
  std::vector<double> ms;
  std::int64_t i = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    if (!store->addEntry(annotation(incidentId, ++i)))
      state.SkipWithError("addEntry failed");
    ms.push_back(msSince(start));
  }
  reportLatency(state, ms);
}

// Both writes in every iteration, so disk hiccups hit both alike: the fairest ratio.
void BM_AnnotationVsBareInterleaved(benchmark::State &state) {
  auto store = openStore(state, freshFile("timeline"));
  if (!store)
    return;
  const QString incidentId = openIncident(state, *store);
  BareSqlite bare(freshFile("bare").toStdString());
  const std::string payload(100, 'x');
  std::vector<double> storeMs, bareMs;
  std::int64_t i = 0;
  for (auto _ : state) {
    ++i;
    auto start = Clock::now();
    if (!bare.insert(i, payload))
      state.SkipWithError("bare INSERT failed");
    bareMs.push_back(msSince(start));
    start = Clock::now();
    if (!store->addEntry(annotation(incidentId, i)))
      state.SkipWithError("addEntry failed");
    storeMs.push_back(msSince(start));
  }
  reportLatency(state, bareMs, "bare_");
  reportLatency(state, storeMs, "store_");
  state.counters["p50_ratio"] = quantile(storeMs, 0.5) / std::max(quantile(bareMs, 0.5), 1e-9);
  state.counters["p99_ratio"] = quantile(storeMs, 0.99) / std::max(quantile(bareMs, 0.99), 1e-9);
}

// --- bulk automatic entries ------------------------------------------------------------------

void BM_AutomaticBulkInsert(benchmark::State &state) {
  auto store = openStore(state, freshFile("bulk"));
  if (!store)
    return;
  const QString incidentId = openIncident(state, *store);
  const int batchSize = int(state.range(0));
  int next = 0;
  for (auto _ : state) {
    state.PauseTiming();
    QList<TimelineEntry> batch;
    batch.reserve(batchSize);
    for (int n = 0; n < batchSize; ++n)
      batch.append(streamEntry(incidentId, next++));
    state.ResumeTiming();
    auto added = store->addAutomatic(batch);
    if (!added || added.value().added.size() != batchSize)
      state.SkipWithError("addAutomatic failed");
  }
  state.SetItemsProcessed(state.iterations() * batchSize);
}

// --- a 100,000-entry timeline ----------------------------------------------------------------

// One file with a 100,000-entry incident, built once and shared by the timeline benchmarks.
struct BigTimeline {
  std::unique_ptr<TimelineStore> store;
  QString incidentId;
  QString error;

  static BigTimeline &get() {
    static BigTimeline big = build();
    return big;
  }

private:
  static BigTimeline build() {
    BigTimeline big;
    big.store = std::make_unique<TimelineStore>();
    if (auto opened = big.store->open(freshFile("big")); !opened) {
      big.error = opened.error().message;
      return big;
    }
    Incident incident;
    incident.title = QStringLiteral("Big one");
    incident.severity = 1;
    incident.openedAtMs = kT0Ms;
    auto created = big.store->createIncident(incident, QStringLiteral("alice"));
    if (!created) {
      big.error = created.error().message;
      return big;
    }
    big.incidentId = created.value().incident.id;
    for (int first = 0; first < kTimelineEntries - 1; first += 10'000) {
      QList<TimelineEntry> batch;
      for (int i = first; i < std::min(first + 10'000, kTimelineEntries - 1); ++i)
        batch.append(streamEntry(big.incidentId, i));
      if (auto added = big.store->addAutomatic(batch); !added) {
        big.error = added.error().message;
        return big;
      }
    }
    return big;
  }
};

const BigTimeline *bigTimeline(benchmark::State &state) {
  const BigTimeline &big = BigTimeline::get();
  if (!big.error.isEmpty()) {
    state.SkipWithError(qPrintable(big.error));
    return nullptr;
  }
  return &big;
}

// Reading every entry with the change cursor: TimelineWriter's worker does this, off the GUI thread.
void BM_Timeline100kRead(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  OperationTimes times;
  for (auto _ : state) {
    std::optional<TimelineResult<EntryChanges>> loaded;
    times.measure([&] { loaded.emplace(big->store->load(big->incidentId)); });
    if (!*loaded || loaded->value().entries.size() != kTimelineEntries)
      state.SkipWithError("load failed");
  }
  reportMax(state, times);
}

// Handing the loaded entries to the model (and its proxy): the GUI thread's part of opening
// an incident; the proxy maps its rows as a view asks for the row count.
void BM_Timeline100kModelLoad(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  auto loaded = big->store->load(big->incidentId);
  if (!loaded)
    return state.SkipWithError("load failed");
  TimelineModel model;
  TimelineFilterProxy proxy; // a view always looks through the proxy
  proxy.setSourceModel(&model);
  OperationTimes times;
  for (auto _ : state) {
    times.measure([&] {
      model.setIncident(big->incidentId, loaded.value().entries, loaded.value().lastChangeSeq);
      benchmark::DoNotOptimize(proxy.rowCount());
    });
    state.PauseTiming();
    model.clear(); // switching away frees 100,000 entries: measured below
    state.ResumeTiming();
  }
  state.counters["rows"] = double(kTimelineEntries);
  reportMax(state, times);
}

// The first update after opening: a live entry arrives (and the model's id index is built).
void BM_Timeline100kFirstUpdateAfterLoad(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  auto loaded = big->store->load(big->incidentId);
  if (!loaded)
    return state.SkipWithError("load failed");
  TimelineModel model;
  TimelineFilterProxy proxy;
  proxy.setSourceModel(&model);
  OperationTimes times;
  int i = 0;
  for (auto _ : state) {
    state.PauseTiming();
    {
      QList<TimelineEntry> own = loaded.value().entries;
      own.detach(); // the model holds the only copy, as after a load through the writer
      model.setIncident(big->incidentId, own, loaded.value().lastChangeSeq);
    }
    benchmark::DoNotOptimize(proxy.rowCount());
    TimelineEntry live = streamEntry(big->incidentId, kTimelineEntries + i++);
    live.id = QStringLiteral("bench-live-%1").arg(i);
    state.ResumeTiming();
    times.measure([&] { model.applyEntries({live}); });
  }
  reportMax(state, times);
}

// Switching to another incident: the 100,000 entries are released.
void BM_Timeline100kModelUnload(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  auto loaded = big->store->load(big->incidentId);
  if (!loaded)
    return state.SkipWithError("load failed");
  TimelineModel model;
  TimelineFilterProxy proxy;
  proxy.setSourceModel(&model);
  OperationTimes times;
  for (auto _ : state) {
    state.PauseTiming();
    {
      QList<TimelineEntry> own = loaded.value().entries;
      own.detach(); // the model holds the only copy, as after a load through the writer
      model.setIncident(big->incidentId, own, loaded.value().lastChangeSeq);
    }
    benchmark::DoNotOptimize(proxy.rowCount());
    state.ResumeTiming();
    times.measure([&] {
      model.setIncident(QStringLiteral("another"), {});
      benchmark::DoNotOptimize(proxy.rowCount());
    });
  }
  reportMax(state, times);
}

struct LoadedView {
  TimelineModel model;
  TimelineFilterProxy proxy;
  explicit LoadedView(const BigTimeline &big) {
    auto loaded = big.store->load(big.incidentId);
    if (!loaded)
      return;
    proxy.setSourceModel(&model);
    model.setIncident(big.incidentId, loaded.value().entries, loaded.value().lastChangeSeq);
    benchmark::DoNotOptimize(proxy.rowCount());
  }
};

// Picking kinds in the filter menu: the proxy re-filters 100,000 rows (and the view asks for
// the new row count and the first screen).
void BM_Timeline100kFilterByKind(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  LoadedView view(*big);
  const QList<QList<EntryKind>> kindSets = {{EntryKind::Rollback},
                                            {EntryKind::Alert, EntryKind::PolicyDecision},
                                            {EntryKind::Deploy, EntryKind::Rollback, EntryKind::Command},
                                            {}};
  OperationTimes times;
  int turn = 0;
  for (auto _ : state) {
    times.measure([&] {
      view.proxy.setKinds(kindSets.at(turn++ % kindSets.size()));
      const int rows = view.proxy.rowCount();
      for (int row = 0; row < std::min(rows, kViewportRows); ++row)
        benchmark::DoNotOptimize(view.proxy.index(row, TimelineModel::TextColumn).data());
    });
  }
  reportMax(state, times);
}

// Typing into the search box, one keystroke at a time.
void BM_Timeline100kFilterByText(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  LoadedView view(*big);
  const QStringList keystrokes = {QStringLiteral("c"),
                                  QStringLiteral("ca"),
                                  QStringLiteral("can"),
                                  QStringLiteral("canary 4"),
                                  QStringLiteral("canary 42"),
                                  QStringLiteral("CHECKOUT-9"),
                                  QStringLiteral("no such text"),
                                  QString()};
  OperationTimes times;
  int turn = 0;
  for (auto _ : state) {
    times.measure([&] {
      view.proxy.setText(keystrokes.at(turn++ % keystrokes.size()));
      const int rows = view.proxy.rowCount();
      for (int row = 0; row < std::min(rows, kViewportRows); ++row)
        benchmark::DoNotOptimize(view.proxy.index(row, TimelineModel::TextColumn).data());
    });
  }
  reportMax(state, times);
}

// One frame of scrolling: every visible cell's text and tooltip, through a filtering proxy.
void BM_Timeline100kScroll(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  LoadedView view(*big);
  view.proxy.setKinds({EntryKind::Alert, EntryKind::Deploy, EntryKind::Rollback, EntryKind::Command});
  std::mt19937 random(7);
  OperationTimes times;
  qint64 chars = 0;
  for (auto _ : state) {
    const int top = int(random() % unsigned(view.proxy.rowCount() - kViewportRows));
    times.measure([&] {
      for (int row = top; row < top + kViewportRows; ++row)
        for (int column = 0; column < TimelineModel::ColumnCount; ++column) {
          const QModelIndex index = view.proxy.index(row, column);
          chars += index.data().toString().size() + index.data(Qt::ToolTipRole).toString().size();
        }
    });
  }
  benchmark::DoNotOptimize(chars);
  reportMax(state, times);
}

// A back-dated annotation saved into the middle of the loaded timeline (model and proxy update).
void BM_Timeline100kInsertInMiddle(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  LoadedView view(*big);
  OperationTimes times;
  int i = 0;
  for (auto _ : state) {
    TimelineEntry entry = annotation(big->incidentId, i);
    entry.id = QStringLiteral("bench-middle-%1").arg(i);
    entry.eventTimeMs = kT0Ms + qint64(kTimelineEntries / 2) * 250 + i;
    entry.recordedAtMs = kT0Ms;
    ++i;
    times.measure([&] { view.model.applyEntries({entry}); });
  }
  reportMax(state, times);
}

// Searching every incident's text (off the GUI thread, through the writer).
void BM_Timeline100kSearch(benchmark::State &state) {
  const BigTimeline *big = bigTimeline(state);
  if (!big)
    return;
  EntryFilter filter;
  filter.text = QStringLiteral("canary 42");
  OperationTimes times;
  for (auto _ : state) {
    bool ok = false;
    times.measure([&] { ok = bool(big->store->search(filter)); });
    if (!ok)
      state.SkipWithError("search failed");
  }
  reportMax(state, times);
}

BENCHMARK(BM_BareSqliteOneRowCommit)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_AnnotationCommit)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_AnnotationVsBareInterleaved)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(4.0);
BENCHMARK(BM_AutomaticBulkInsert)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK(BM_Timeline100kRead)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(BM_Timeline100kModelLoad)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(40);
BENCHMARK(BM_Timeline100kFirstUpdateAfterLoad)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(BM_Timeline100kModelUnload)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);
BENCHMARK(BM_Timeline100kFilterByKind)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(40);
BENCHMARK(BM_Timeline100kFilterByText)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(40);
BENCHMARK(BM_Timeline100kScroll)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(500);
BENCHMARK(BM_Timeline100kInsertInMiddle)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(200);
BENCHMARK(BM_Timeline100kSearch)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

std::string filesystemOf(const std::filesystem::path &dir) {
  struct statfs fs {};
  if (::statfs(dir.c_str(), &fs) != 0)
    return "unknown";
  switch (static_cast<unsigned long>(fs.f_type)) {
  case 0xEF53: return "ext4";
  case 0x01021994: return "tmpfs (fsync is free: commit figures are not meaningful)";
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
    if (std::strncmp(argv[i], "--timeline_dir=", 15) == 0)
      chosen = argv[i] + 15;
    else
      args.push_back(argv[i]);
  }
  int benchArgc = static_cast<int>(args.size());
  QCoreApplication app(benchArgc, args.data()); // models are QObjects
  const bool ownDir = chosen.empty();
  g_dir = ownDir ? std::filesystem::current_path() / ("bench-timeline-" + std::to_string(::getpid())) : chosen;
  std::error_code ec;
  std::filesystem::create_directories(g_dir, ec);
  if (ec) {
    std::fprintf(stderr, "bench_timeline: cannot create %s: %s\n", g_dir.c_str(), ec.message().c_str());
    return 1;
  }
  std::printf("bench_timeline: files in %s (%s)\n", g_dir.c_str(), filesystemOf(g_dir).c_str());
  benchmark::Initialize(&benchArgc, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (ownDir)
    std::filesystem::remove_all(g_dir, ec);
  return 0;
}
