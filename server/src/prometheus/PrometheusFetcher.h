#pragma once
// PrometheusFetcher: reads the good/total events of Prometheus-sourced SLOs on its own thread,
// so a slow or dead Prometheus never stalls the engine's tick. The engine tells it which SLOs
// exist (setJobs) and what time it is (advance, once per tick), and drains what arrived
// (drain) into each SLO's EventCounter.
//
// Cheap long windows: pxpd never asks Prometheus for a 30-day rate on a tick. Each SLO's
// events are fetched once, as increments on a fixed grid, and kept in the engine's
// multi-resolution buckets (EventCounter), which give every window from 5m to 30d by summing
// buckets:
//   - on load (backfill), two query_range calls per query: increase(...[1h]) every hour for the
//     part of the period older than 3 days, and increase(...[step]) every `step` (DataSource
//     connectionDetails.step, default 60s) for the last 3 days, where the 5m..3d windows need
//     finer edges: about 720 + 4,320 points per query for a 30-day SLO;
//   - then, whenever the grid passes a new step (settled kSettleSeconds so the last scrape has
//     landed), one query for the increments since the last one fetched: one point per step.
// Grid points are multiples of the step in epoch seconds, so the hourly and fine parts and the
// live increments tile time without overlap or gaps. A point t carries the events of (t-step, t].
// A failed query, or an answer with nothing in it (not scraped yet, a Prometheus restart, a gap
// in the scrapes), leaves the grid where it was: the same span is asked again, and once data is
// back it is read with one increase() over the whole missed span (a per-step range would lose
// the increments across the gap, where no step holds two samples), so every event is counted
// once. Until then the SLO is "lagging" (the engine keeps its last state and never resolves or
// raises a page on it); only after the DataSource's noDataAfter does it say "no data".
// Catching up reaches back at most 10,000 steps (about 7 days at 60 s).
//
// Thread affinity: setJobs/advance/drain from the engine (under its lock; they only take this
// object's own mutex, never block on I/O); the fetch loop on the internal thread.

#include "prometheus/PrometheusApi.h"
#include "pxpd/slo/SloSpec.h"

#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pxpd::prom {

class PrometheusFetcher {
public:
  static constexpr std::int64_t kSettleSeconds = 30; // a grid point is fetched this long after it passed
  static constexpr std::int64_t kRetrySeconds = 15;  // after a failure
  static constexpr std::int64_t kFineHistorySeconds = std::int64_t{3} * 86400; // backfilled at the fine step

  struct Job {
    std::string sloId;
    std::uint64_t generation = 0; // a new runtime for the same id starts over
    slo::SloSpec spec;
    slo::DataSourceSpec source;
  };

  enum class Health { Ok, Lagging, NoData, Error };
  struct Sample {
    std::int64_t timeMs;
    double good, total;
  };
  struct Outcome {
    std::string sloId;
    std::uint64_t generation = 0;
    std::vector<Sample> samples; // oldest first
    Health health = Health::Ok;
    std::string reason; // for NoData and Error: the PromQL and what Prometheus said
  };

  PrometheusFetcher();
  ~PrometheusFetcher(); // stops the thread, abandoning a request in flight
  PrometheusFetcher(const PrometheusFetcher &) = delete;
  PrometheusFetcher &operator=(const PrometheusFetcher &) = delete;

  void setJobs(std::vector<Job> jobs); // keeps the progress of jobs whose (id, generation) stay
  void advance(std::int64_t nowMs);    // the engine's time; wakes the thread
  std::vector<Outcome> drain();        // everything fetched since the last drain

  // One fetch of `job`'s events in grid points (fromSeconds, toSeconds], every stepSeconds
  // (blocking; the thread's work, public for tests).
  static Outcome fetch(const PrometheusApi &api, const Job &job, std::int64_t fromSeconds, std::int64_t toSeconds,
                       std::int64_t stepSeconds, std::stop_token stop);

private:
  struct Progress {
    Job job;
    std::int64_t fedUntilSeconds = 0; // newest grid point delivered; 0 = not backfilled yet
    std::int64_t retryAtMs = 0;
    bool reconcile = false; // a step came back empty or failed: read the missed span as one
  };
  void run(std::stop_token stop);
  Outcome work(Progress &p, std::int64_t nowMs, std::stop_token stop) const;
  // One client per DataSource, kept across fetches so queries reuse its connection.
  const PrometheusApi &apiFor(const slo::DataSourceSpec &source) const;

  mutable std::mutex m_mutex;
  std::condition_variable_any m_wake;
  std::map<std::pair<std::string, std::uint64_t>, Progress> m_progress; // guarded by m_mutex
  std::int64_t m_nowMs = 0;                                             // guarded by m_mutex
  std::vector<Outcome> m_outcomes;                                      // guarded by m_mutex
  bool m_pending = false; // advance() since the thread last looked; guarded by m_mutex
  mutable std::map<std::string, std::unique_ptr<PrometheusApi>> m_apis; // the fetch thread's own
  std::jthread m_thread;                                                // last: stopped and joined first
};

} // namespace pxpd::prom
