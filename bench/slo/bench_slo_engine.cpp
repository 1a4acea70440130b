// bench_slo_engine: time per engine tick (one add() and one evaluate() for each of 10,000 SLOs),
// next to a naive baseline that keeps raw per-second events and rescans them for every window.
// The naive store is 41 MB per SLO, so it runs on a few SLOs and is scaled to 10,000; the summary
// printed after the runs gives both per tick and their ratio, and memory per SLO.

#include "pxpd/slo/Evaluate.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace pxpd::slo;

namespace {

constexpr int kSloCount = 10'000;
constexpr int kNaiveSloCount = 4;
constexpr std::int64_t kPeriodSeconds = 30LL * 86400;
constexpr std::int64_t kTickMs = 10'000; // the engine evaluates every 10 s
constexpr std::int64_t kStartMs = 1'700'000'000'000;

// Traffic of one SLO: events per second and the share that fails, fixed per SLO so some burn.
struct Traffic {
  double eventsPerSecond;
  double badRatio;
};

// Most SLOs healthy (under 0.5x), one in ten burning between 1x and 20x, so tiers do fire.
std::vector<Traffic> makeTraffic(int count) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> rate(0.5, 2000.0);
  std::uniform_real_distribution<double> healthy(0.0, 0.0005);
  std::uniform_real_distribution<double> burning(0.001, 0.02);
  std::vector<Traffic> t(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < t.size(); ++i)
    t[i] = {rate(rng), i % 10 == 0 ? burning(rng) : healthy(rng)};
  return t;
}

// 10,000 SLOs with 30 days of history: 10-minute adds for the first 29 days and 23 hours, then
// an add every 10 s for the last hour, so every ring level is full.
struct Fleet {
  std::vector<SloSpec> specs;
  std::vector<EventCounter> counters;
  std::vector<Traffic> traffic;
  std::int64_t nowMs = kStartMs;

  Fleet() : traffic(makeTraffic(kSloCount)) {
    specs.reserve(kSloCount);
    counters.reserve(kSloCount);
    for (int i = 0; i < kSloCount; ++i) {
      SloSpec s;
      s.id = "svc" + std::to_string(i / 10) + "/slo" + std::to_string(i % 10);
      s.periodSeconds = kPeriodSeconds;
      s.minEventsPerWindow = 10;
      specs.push_back(std::move(s));
      counters.emplace_back(kPeriodSeconds);
    }
    // One SLO at a time, so its 30 KB stay in cache while it fills.
    const std::int64_t firstMs = kStartMs - kPeriodSeconds * 1000;
    const std::int64_t lastHourMs = kStartMs - 3'600'000;
    for (std::size_t i = 0; i < counters.size(); ++i) {
      for (std::int64_t t = firstMs; t < lastHourMs; t += 600'000)
        add(i, t, 600.0);
      for (std::int64_t t = lastHourMs; t <= kStartMs; t += kTickMs)
        add(i, t, 10.0);
    }
  }

  void add(std::size_t i, std::int64_t timeMs, double seconds) {
    const double total = traffic[i].eventsPerSecond * seconds;
    counters[i].add(timeMs, total * (1.0 - traffic[i].badRatio), total);
  }
  void addAll(std::int64_t timeMs, double seconds) {
    for (std::size_t i = 0; i < counters.size(); ++i)
      add(i, timeMs, seconds);
  }
};

Fleet &fleet() {
  static Fleet f;
  return f;
}

// One tick: every SLO receives its last 10 s of events, then every SLO is evaluated.
void BM_EngineTick(benchmark::State &state) {
  Fleet &f = fleet();
  int firing = 0;
  for (auto _ : state) {
    f.nowMs += kTickMs;
    f.addAll(f.nowMs, 10.0);
    for (std::size_t i = 0; i < f.counters.size(); ++i) {
      const Evaluation e = evaluate(f.specs[i], f.counters[i], f.nowMs);
      firing += e.tier != Tier::None ? 1 : 0;
    }
    benchmark::DoNotOptimize(firing);
  }
  state.counters["slos"] = kSloCount;
  state.counters["firing_per_tick"] = benchmark::Counter(firing, benchmark::Counter::kAvgIterations);
  state.counters["bytes_per_slo"] = static_cast<double>(f.counters.front().memoryBytes());
}
BENCHMARK(BM_EngineTick)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The evaluation half alone, to show where a tick's time goes.
void BM_EngineEvaluateOnly(benchmark::State &state) {
  Fleet &f = fleet();
  for (auto _ : state) {
    for (std::size_t i = 0; i < f.counters.size(); ++i) {
      Evaluation e = evaluate(f.specs[i], f.counters[i], f.nowMs);
      benchmark::DoNotOptimize(e);
    }
  }
  state.counters["slos"] = kSloCount;
}
BENCHMARK(BM_EngineEvaluateOnly)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Naive baseline: one (good, total) pair per second for the whole period in a ring, every window
// summed by rescanning it, then the same burn-rate rules.
struct NaiveSlo {
  std::vector<std::pair<double, double>> perSecond; // ring indexed by second
  explicit NaiveSlo(const Traffic &t)
      : perSecond(static_cast<std::size_t>(kPeriodSeconds), {t.eventsPerSecond * (1 - t.badRatio), t.eventsPerSecond}) {
  }

  void add(std::int64_t second, double good, double total) {
    perSecond[static_cast<std::size_t>(second % kPeriodSeconds)] = {good, total};
  }
  [[nodiscard]] EventCounter::Sums sum(std::int64_t nowSecond, std::int64_t windowSeconds) const {
    EventCounter::Sums s;
    for (std::int64_t k = nowSecond - windowSeconds + 1; k <= nowSecond; ++k) {
      const auto &[good, total] = perSecond[static_cast<std::size_t>(k % kPeriodSeconds)];
      s.good += good;
      s.total += total;
    }
    return s;
  }
  [[nodiscard]] Tier evaluate(const SloSpec &spec, const AlertPolicy &policy, std::int64_t nowSecond) const {
    std::array<double, kWindowCount> burn{};
    for (const Window w : kAllWindows) {
      const EventCounter::Sums s = sum(nowSecond, windowSeconds(w, spec.periodSeconds));
      burn[static_cast<std::size_t>(windowIndex(w))] = burnRate(s.good, s.total, spec.objective);
    }
    for (const AlertPolicy::Rule &r : policy.rules) {
      if (burn[static_cast<std::size_t>(windowIndex(r.longWindow))] >= r.burnThreshold &&
          burn[static_cast<std::size_t>(windowIndex(r.shortWindow))] >= r.burnThreshold)
        return r.tier;
    }
    return Tier::None;
  }
};

void BM_NaiveTick(benchmark::State &state) {
  const std::vector<Traffic> traffic = makeTraffic(kNaiveSloCount);
  std::vector<NaiveSlo> slos;
  for (const Traffic &t : traffic)
    slos.emplace_back(t);
  SloSpec spec;
  spec.periodSeconds = kPeriodSeconds;
  const AlertPolicy policy = AlertPolicy::forPeriod(kPeriodSeconds);
  std::int64_t nowSecond = kStartMs / 1000;
  int firing = 0;
  for (auto _ : state) {
    nowSecond += kTickMs / 1000;
    for (std::size_t i = 0; i < slos.size(); ++i) {
      for (std::int64_t s = nowSecond - kTickMs / 1000 + 1; s <= nowSecond; ++s)
        slos[i].add(s, traffic[i].eventsPerSecond * (1 - traffic[i].badRatio), traffic[i].eventsPerSecond);
      firing += slos[i].evaluate(spec, policy, nowSecond) != Tier::None ? 1 : 0;
    }
    benchmark::DoNotOptimize(firing);
  }
  state.counters["slos"] = kNaiveSloCount;
  state.counters["bytes_per_slo"] =
      static_cast<double>(slos.front().perSecond.size() * sizeof(std::pair<double, double>));
}
BENCHMARK(BM_NaiveTick)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// Console output as usual, plus the per-tick times kept for the summary.
class SummaryReporter : public benchmark::ConsoleReporter {
public:
  void ReportRuns(const std::vector<Run> &runs) override {
    for (const Run &r : runs) {
      if (r.run_type == Run::RT_Iteration && !r.error_occurred) {
        msPerIteration[r.run_name.function_name] = r.GetAdjustedRealTime() * msPerUnit(r.time_unit);
        cpuMsPerIteration[r.run_name.function_name] = r.GetAdjustedCPUTime() * msPerUnit(r.time_unit);
      }
      const auto bytes = r.counters.find("bytes_per_slo");
      if (bytes != r.counters.end())
        bytesPerSlo[r.run_name.function_name] = bytes->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  std::map<std::string, double> msPerIteration, cpuMsPerIteration, bytesPerSlo;

private:
  static double msPerUnit(benchmark::TimeUnit unit) {
    switch (unit) {
    case benchmark::kNanosecond: return 1e-6;
    case benchmark::kMicrosecond: return 1e-3;
    case benchmark::kMillisecond: return 1.0;
    case benchmark::kSecond: return 1e3;
    }
    return 1.0;
  }
};

} // namespace

int main(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 1;
  SummaryReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  // Wall and CPU time: on a shared machine wall time includes waiting for a core; CPU time is
  // what one core spends.
  const auto &wall = reporter.msPerIteration;
  const auto &cpu = reporter.cpuMsPerIteration;
  if (wall.count("BM_EngineTick") && wall.count("BM_NaiveTick")) {
    const double scale = static_cast<double>(kSloCount) / kNaiveSloCount;
    std::printf("\nSummary, %d SLOs of 30 days, one thread (wall / CPU):\n", kSloCount);
    std::printf("  engine tick (add + evaluate): %.1f / %.1f ms, %.2f / %.2f us per SLO\n", wall.at("BM_EngineTick"),
                cpu.at("BM_EngineTick"), wall.at("BM_EngineTick") * 1e3 / kSloCount,
                cpu.at("BM_EngineTick") * 1e3 / kSloCount);
    if (wall.count("BM_EngineEvaluateOnly"))
      std::printf("  engine evaluate() alone:      %.1f / %.1f ms\n", wall.at("BM_EngineEvaluateOnly"),
                  cpu.at("BM_EngineEvaluateOnly"));
    std::printf("  naive rescan tick:            %.0f / %.0f ms (measured on %d SLOs, scaled)\n",
                wall.at("BM_NaiveTick") * scale, cpu.at("BM_NaiveTick") * scale, kNaiveSloCount);
    std::printf("  naive / engine:               %.0fx / %.0fx\n",
                wall.at("BM_NaiveTick") * scale / wall.at("BM_EngineTick"),
                cpu.at("BM_NaiveTick") * scale / cpu.at("BM_EngineTick"));
    std::printf("  memory per SLO: engine %.0f bytes (%.1f KiB), naive %.1f MiB\n",
                reporter.bytesPerSlo["BM_EngineTick"], reporter.bytesPerSlo["BM_EngineTick"] / 1024,
                reporter.bytesPerSlo["BM_NaiveTick"] / (1024 * 1024));
  }
  return 0;
}
