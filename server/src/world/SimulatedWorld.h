#pragma once
// SimulatedWorld: a deterministic (seeded) small product — checkout/payments, auth, search,
// notifications, a profile DB with replicas, a CDN edge, signup — whose traffic has a daily
// shape, whose deployments and flags change its error rates, and whose scripted scenarios
// play the failures of reference/pxp-model.txt. It produces good/total event counts for the
// simulated SLOs it is given (setSlos; definitions come from SLO files or the built-in
// demo-world.yaml) and reacts to actuators (rollback, abort, flag flips, throttles).
// Thread affinity: one owner thread (the engine's tick), no internal locking.

#include "pxpd/slo/SloSpec.h"

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace pxpd::world {

struct SimDeployment {
  std::string id, service, version, previousVersion, author;
  bool canary = true;
  int weightPercent = 0;
  std::vector<int> stepsPercent;
  std::string status = "progressing"; // progressing | paused | succeeded | rolled back | aborted
  std::int64_t startedAtMs = 0, updatedAtMs = 0;
  double canaryErrorRatio = 0;      // error ratio of requests the new version serves
  double canaryLatencyFactor = 1.0; // latency multiplier of the new version
  int failedChecks = 0;
  double canarySuccess = 1, baselineSuccess = 1;
  bool active() const { return status == "progressing" || status == "paused"; }
};

struct SimFlag {
  std::string key, description, kind, owner, service, updatedBy;
  bool enabled = false;
  int rolloutPercent = 0;
  std::int64_t updatedAtMs = 0;
};

// One SLO of the world and how its events are produced.
struct SimSlo {
  std::string id, service;
  slo::SliKind kind = slo::SliKind::Availability;
  double baseRatePerSecond = 100; // mean events per second at the daily peak
  double baseBadRatio = 0.0002;   // share of bad events in normal operation
};

// Counts produced for one SLO over one step.
struct SliSample {
  std::size_t sloIndex = 0;
  std::int64_t timeMs = 0;
  double good = 0, total = 0;
};

class SimulatedWorld {
public:
  // `withScenario` = false: an empty world (no deployments, flags or scripted failures), for a
  // daemon that serves real sources only.
  SimulatedWorld(std::uint64_t seed, std::int64_t startMs, bool withScenario = true);

  // The SLOs to make traffic for: the simulated-source ones of `specs`, with the traffic
  // profile of each (TrafficProfile). Sample sloIndex values index this list.
  void setSlos(const std::vector<slo::SloSpec> &specs);
  const std::vector<SimSlo> &slos() const { return m_slos; }
  const std::vector<SimDeployment> &deployments() const { return m_deployments; }
  const std::vector<SimFlag> &flags() const { return m_flags; }

  // Advances the world to `nowMs` in steps of `stepMs` and returns the counts produced.
  // Scenario scripts (canary start, promotions, analysis checks) run inside.
  std::vector<SliSample> advance(std::int64_t nowMs, std::int64_t stepMs = 10'000);

  // Synthesized past: counts for [fromMs, toMs), with planted incidents so the executive
  // view has something to show ("search outage 9 days ago"). One sample a minute per SLO
  // (43,200 for 30 days), in time order, so the engine can judge the past as it is fed and
  // raise the alerts it would have raised. `only` restricts it to some SLO indices (an SLO
  // added by a reload); empty = all.
  void synthesizeHistory(std::int64_t fromMs, std::int64_t toMs, const std::function<void(const SliSample &)> &sink,
                         const std::vector<std::size_t> &only = {});

  // Actuators. Each returns an error text, empty on success.
  std::string rollback(const std::string &deploymentId, std::int64_t nowMs);
  std::string abortCanary(const std::string &deploymentId, std::int64_t nowMs);
  std::string promote(const std::string &deploymentId, bool full, std::int64_t nowMs);
  std::string setFlag(const std::string &key, bool enabled, int rolloutPercent, const std::string &actor,
                      std::int64_t nowMs);
  std::string throttle(const std::string &service, double ratePerSecond, std::int64_t nowMs);

  // Cost per hour of a service (USD) and its p95 latency (ms), for the cost panel.
  double costPerHourUsd(const std::string &service) const;
  double p95LatencyMs(const std::string &service, std::int64_t nowMs) const;

  // Share of bad events the SLO `sloId` has at `timeMs` (drives trace sampling).
  double currentBadRatio(const std::string &sloId, std::int64_t timeMs) const;
  std::int64_t nowMs() const { return m_nowMs; }

  // Monotonic counter bumped whenever a deployment or flag changes (the engine publishes then).
  std::uint64_t changeCounter() const { return m_changes; }

private:
  void runScenario(std::int64_t nowMs);
  double dailyShape(std::int64_t timeMs) const;
  double badRatio(const SimSlo &slo, std::int64_t timeMs) const;
  double historyBadRatio(const SimSlo &slo, std::int64_t fromMs, std::int64_t toMs, std::int64_t endMs) const;
  SimDeployment *findDeployment(const std::string &id);
  SimFlag *findFlag(const std::string &key);
  void analyseCanaries(std::int64_t nowMs);

  std::mt19937_64 m_rng;
  std::int64_t m_startMs;
  std::int64_t m_nowMs;
  std::int64_t m_lastAnalysisMs = 0;
  std::vector<SimSlo> m_slos;
  std::vector<SimDeployment> m_deployments;
  std::vector<SimFlag> m_flags;
  std::map<std::string, double> m_throttles; // service -> max requests/s
  std::uint64_t m_changes = 0;
  bool m_canaryStarted = false;
  bool m_rateLimiterSwitched = false;
  bool m_withScenario = true;
};

} // namespace pxpd::world
