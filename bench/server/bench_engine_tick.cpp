// bench_engine_tick: one pxpd Engine tick over 10,000 SLOs loaded from a synthetic OpenSLO file
// — the simulated source's samples, every window, budget and alert tier of every SLO, five
// policies (one per condition kind) evaluated against every SLO, and one status event per SLO
// published to the Watch log — on one core (the tick is single-threaded), through the Daemon's
// hermetic API (ManualClock, tickNow). Target: under 50 ms per tick, under 64 KiB per SLO.
// pxp_slo's own bench (bench/slo) times evaluate() alone; this one is the whole engine step.

#include "pxpd/Clock.h"
#include "pxpd/Daemon.h"

#include <benchmark/benchmark.h>

#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace {

constexpr int kSloCount = 10'000;
constexpr int kServices = 100;
constexpr std::int64_t kTickMs = 10'000;
constexpr std::int64_t kStartMs = 1'764'000'000'000;

std::string sloDocument(int i) {
  const std::string service = "svc-" + std::to_string(i % kServices);
  const char *objective = i % 3 == 0 ? "0.999" : i % 3 == 1 ? "0.995" : "0.99";
  return "---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: slo-" + std::to_string(i) +
         "\n  annotations:\n    pxp.dev/source: simulated\n    pxp.dev/owner: team-" + std::to_string(i % 17) +
         "\n    pxp.dev/min-events: \"10\"\nspec:\n  service: " + service +
         "\n  indicator:\n    spec:\n      ratioMetric:\n        good: {metricSource: {type: Simulated}}\n"
         "        total: {metricSource: {type: Simulated}}\n  timeWindow: [{duration: 30d, isRolling: true}]\n"
         "  budgetingMethod: Occurrences\n  objectives: [{target: " +
         objective + "}]\n";
}

constexpr const char *kPolicies = R"(policies:
  - {id: tier, mode: enforce, condition: {tier_firing: page}, action: page, cooldown_seconds: 600}
  - {id: burn, mode: dry-run, condition: {burn_rate_over: {window: 1h, threshold: 6}}, action: notify}
  - {id: budget, mode: enforce, condition: {budget_below: 0.1}, action: notify, cooldown_seconds: 3600}
  - {id: canary, mode: enforce, condition: {canary_worse: {by: 0.005, checks: 3}}, action: rollback}
  - {id: stale, mode: dry-run, condition: {data_stale_seconds: 600}, action: notify}
)";

std::size_t heapBytes() {
  return mallinfo2().uordblks;
}

struct World {
  std::filesystem::path dir;
  pxpd::ManualClock clock{kStartMs};
  std::unique_ptr<pxpd::Daemon> daemon;
  double startSeconds = 0;
  std::size_t bytesPerSlo = 0;

  World() {
    dir = std::filesystem::temp_directory_path() / ("pxp-bench-tick-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    {
      std::ofstream slos(dir / "slos.yaml");
      for (int i = 0; i < kSloCount; ++i)
        slos << sloDocument(i);
      std::ofstream(dir / "policies.yaml") << kPolicies;
    }
    pxpd::DaemonConfig config;
    config.simulate = true;
    config.sloFiles = {dir / "slos.yaml"};
    config.policyFiles = {dir / "policies.yaml"};
    config.tokens = pxpd::TokenRegistry::generateDemoTokens();
    const std::size_t before = heapBytes();
    const auto t0 = std::chrono::steady_clock::now();
    daemon = std::make_unique<pxpd::Daemon>(config, &clock);
    if (auto started = daemon->start(true, false); !started) {
      std::fprintf(stderr, "bench_engine_tick: %s\n", started.error().c_str());
      std::exit(1);
    }
    startSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (int i = 0; i < 30; ++i) { // fill the Watch log to its steady size first
      clock.advanceMs(kTickMs);
      daemon->tickNow();
    }
    bytesPerSlo = (heapBytes() - before) / kSloCount;
  }
  ~World() {
    daemon->stop(0);
    std::filesystem::remove_all(dir);
  }
};

World &world() {
  static World w;
  return w;
}

void BM_EngineTick10kSlos(benchmark::State &state) {
  auto &w = world();
  for (auto _ : state) {
    w.clock.advanceMs(kTickMs);
    w.daemon->tickNow();
  }
  state.counters["slos"] = kSloCount;
  state.counters["heap_KiB_per_slo"] = static_cast<double>(w.bytesPerSlo) / 1024.0;
  state.counters["start_s"] = w.startSeconds;
}
BENCHMARK(BM_EngineTick10kSlos)->Unit(benchmark::kMillisecond)->Iterations(100)->Repetitions(5)->ReportAggregatesOnly();

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  auto &w = world();
  std::printf("\n10,000 SLOs: start (load files, 30 days of history) %.1f s; heap %.1f KiB per SLO "
              "(target < 64 KiB); tick target < 50 ms (see the median above)\n",
              w.startSeconds, static_cast<double>(w.bytesPerSlo) / 1024.0);
  benchmark::Shutdown();
  return 0;
}
