#include "SimulatedWorld.h"

#include "TrafficProfile.h"

#include <algorithm>
#include <cmath>

namespace pxpd::world {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;

// Scenario timeline, in simulated time after start (the scenarios of reference/pxp-model.txt).
// Each is sized to drive the alert tier and the demo policy it is written for (demo-world.yaml
// policies; the burn rates are against each SLO's objective, the tiers the SRE Workbook's):
// - 0:30  payments canary v2.3.1 fails 90 % of its checkouts: page within ~2 min, then
//         rollback-paging-canary rolls it back.
// - 20:00 profile-db replicas fall behind for 24 min, 10 % of reads stale (100x on 99.9 %): page
//         after ~9 min, page-db-owner-on-stale-reads pages the database team.
// - 40:00 a traffic spike triples edge traffic for 12 min, 30 % of it slow (60x on 99.5 %):
//         throttle-edge-on-fast-burn (dry-run) says what it would throttle within a minute,
//         page after ~6 min.
// - 60:00 config sync switches the flag auth.strict-rate-limit on; it rejects 3 % of logins
//         (60x on 99.95 %) until it is off again: page after ~15 min, then
//         disable-strict-rate-limit switches the flag off and logins recover.
// - before the start: 20 h ago a cost cut removed search's headroom; since then 5 % of queries
//         are slow (5x on 99 %): a ticket from the first tick (1d and 2h over 3x), for which
//         notify-search-owner-on-slow-burn notifies the owner once an hour.
constexpr std::int64_t kCanaryStartMs = 30'000;
constexpr std::int64_t kReplicationLagStartMs = 20 * kMinuteMs, kReplicationLagEndMs = 44 * kMinuteMs;
constexpr std::int64_t kEdgeSpikeStartMs = 40 * kMinuteMs, kEdgeSpikeEndMs = 52 * kMinuteMs;
constexpr std::int64_t kRateLimiterStartMs = 60 * kMinuteMs;
constexpr std::int64_t kCostCutAgeMs = 20 * 60 * kMinuteMs;
constexpr double kStaleReadRatio = 0.10, kSlowEdgeRatio = 0.30, kRejectedLoginRatio = 0.03, kSlowQueryRatio = 0.05;
const char *const kRateLimitFlag = "auth.strict-rate-limit";

} // namespace

SimulatedWorld::SimulatedWorld(std::uint64_t seed, std::int64_t startMs, bool withScenario)
    : m_rng(seed), m_startMs(startMs), m_nowMs(startMs), m_withScenario(withScenario) {
  if (!withScenario)
    return;
  m_flags = {
      {"checkout.new-payment-form", "New payment form", "release", "team-payments", "payments", "scenario", true, 50,
       startMs},
      {"signup.one-page-experiment", "One-page signup experiment", "experiment", "team-growth", "signup", "scenario",
       true, 50, startMs},
      {"search.semantic-ranking", "Semantic ranking", "kill switch", "team-search", "search", "scenario", true, 100,
       startMs},
      {"cdn.image-recompression", "Recompress images at the edge", "ops", "team-edge", "cdn-edge", "scenario", true,
       100, startMs},
      {kRateLimitFlag, "Strict login rate limit (config sync)", "ops", "team-identity", "auth", "scenario", false, 100,
       startMs},
  };
  m_deployments.push_back({"auth-v5.2.0",
                           "auth",
                           "v5.2.0",
                           "v5.1.4",
                           "ci",
                           false,
                           100,
                           {100},
                           "succeeded",
                           startMs - 3 * 3'600'000,
                           startMs - 3 * 3'600'000,
                           0,
                           1,
                           0,
                           1,
                           1});
}

void SimulatedWorld::setSlos(const std::vector<slo::SloSpec> &specs) {
  m_slos.clear();
  for (const auto &spec : specs) {
    if (spec.source != slo::SourceKind::Simulated)
      continue;
    const auto profile = TrafficProfile::forSlo(spec);
    m_slos.push_back({spec.id, spec.service, spec.kind, profile.ratePerSecond, profile.badRatio});
  }
}

double SimulatedWorld::dailyShape(std::int64_t timeMs) const {
  // Peak at 15:00 UTC, trough at 03:00 UTC.
  const double dayFraction = static_cast<double>(((timeMs % kDayMs) + kDayMs) % kDayMs) / kDayMs;
  return 0.55 + 0.45 * std::sin(2 * M_PI * (dayFraction - 0.375));
}

double SimulatedWorld::badRatio(const SimSlo &slo, std::int64_t timeMs) const {
  const std::int64_t t = timeMs - m_startMs;
  double bad = slo.baseBadRatio;
  const auto &s = slo;
  if (s.service == "payments") {
    for (const auto &d : m_deployments)
      if (d.service == "payments" && d.active() && d.canary) {
        const double w = d.weightPercent / 100.0;
        bad = (1 - w) * bad +
              w * (s.kind == slo::SliKind::Latency ? std::min(1.0, d.canaryErrorRatio * 0.6) : d.canaryErrorRatio);
      }
  }
  if (s.id == "profile-db/read-freshness" && t >= kReplicationLagStartMs && t < kReplicationLagEndMs)
    bad = kStaleReadRatio; // replicas 40 s behind
  if (s.id == "cdn-edge/edge-latency" && t >= kEdgeSpikeStartMs && t < kEdgeSpikeEndMs)
    bad = kSlowEdgeRatio; // cache overwhelmed by a traffic spike
  if (s.id == "auth/login-availability")
    for (const auto &f : m_flags)
      if (f.key == kRateLimitFlag && f.enabled)
        bad = kRejectedLoginRatio; // the strict limit rejects legitimate logins
  if (s.id == "search/query-latency" && m_withScenario)
    bad = kSlowQueryRatio; // the cost cut of 20 h ago removed the search headroom
  if (s.id == "signup/conversion") {
    for (const auto &f : m_flags)
      if (f.key == "signup.one-page-experiment" && f.enabled)
        bad += 0.30 * f.rolloutPercent / 100.0; // the experiment hurts completion
  }
  if (auto it = m_throttles.find(s.service); it != m_throttles.end())
    bad = std::min(1.0, bad + 0.001); // throttled requests count as bad, a few
  return std::clamp(bad, 0.0, 1.0);
}

double SimulatedWorld::currentBadRatio(const std::string &sloId, std::int64_t timeMs) const {
  for (const auto &s : m_slos)
    if (s.id == sloId)
      return badRatio(s, timeMs);
  return 0;
}

std::vector<SliSample> SimulatedWorld::advance(std::int64_t nowMs, std::int64_t stepMs) {
  std::vector<SliSample> out;
  std::normal_distribution<double> noise(0.0, 1.0);
  while (m_nowMs + stepMs <= nowMs) {
    const std::int64_t t = m_nowMs + stepMs;
    runScenario(t);
    const double shape = dailyShape(t);
    for (std::size_t i = 0; i < m_slos.size(); ++i) {
      const auto &s = m_slos[i];
      double total = s.baseRatePerSecond * shape * (stepMs / 1000.0);
      if (s.service == "cdn-edge" && t - m_startMs >= kEdgeSpikeStartMs && t - m_startMs < kEdgeSpikeEndMs)
        total *= 3;
      total = std::max(0.0, std::round(total * (1 + 0.05 * noise(m_rng))));
      const double expectedBad = total * badRatio(s, t);
      const double bad = std::clamp(std::round(expectedBad + std::sqrt(expectedBad) * noise(m_rng)), 0.0, total);
      out.push_back({i, t, total - bad, total});
    }
    m_nowMs = t;
  }
  return out;
}

double SimulatedWorld::historyBadRatio(const SimSlo &slo, std::int64_t fromMs, std::int64_t toMs,
                                       std::int64_t endMs) const {
  // The planted incidents, weighted by how much of the step they cover (steps reach an hour);
  // the last is the cost cut, still going on (badRatio() continues it). `slo` "": every SLO of
  // the service.
  struct Incident {
    const char *service, *slo;
    std::int64_t startMs, lengthMs;
    double badRatio;
  };
  const Incident incidents[] = {
      {"search", "", endMs - 9 * kDayMs, 40 * kMinuteMs, 0.35},
      {"auth", "", endMs - 17 * kDayMs, 15 * kMinuteMs, 0.05},
      {"search", "search/query-latency", endMs - kCostCutAgeMs, m_withScenario ? kCostCutAgeMs : 0, kSlowQueryRatio}};
  double ratio = slo.baseBadRatio;
  for (const auto &i : incidents) {
    if (slo.service != i.service || (*i.slo != '\0' && slo.id != i.slo))
      continue;
    const std::int64_t overlap =
        std::max<std::int64_t>(0, std::min(toMs, i.startMs + i.lengthMs) - std::max(fromMs, i.startMs));
    const double share = static_cast<double>(overlap) / static_cast<double>(toMs - fromMs);
    ratio = ratio * (1 - share) + i.badRatio * share;
  }
  return ratio;
}

void SimulatedWorld::synthesizeHistory(std::int64_t fromMs, std::int64_t toMs,
                                       const std::function<void(const SliSample &)> &sink,
                                       const std::vector<std::size_t> &only) {
  std::normal_distribution<double> noise(0.0, 1.0);
  std::vector<std::size_t> indices = only;
  if (indices.empty())
    for (std::size_t i = 0; i < m_slos.size(); ++i)
      indices.push_back(i);
  // Minute steps all the way: the engine judges the past as it is fed (AlertReplay), and a
  // 15-minute outage must look like one, not like an hour at a quarter of its rate.
  for (std::int64_t t = fromMs; t < toMs;) {
    const std::int64_t step = std::min(kMinuteMs, toMs - t);
    const double shape = dailyShape(t);
    for (std::size_t i : indices) {
      const auto &s = m_slos[i];
      const double total = std::max(0.0, std::round(s.baseRatePerSecond * shape * (static_cast<double>(step) / 1000.0) *
                                                    (1 + 0.05 * noise(m_rng))));
      const double expectedBad = total * historyBadRatio(s, t, t + step, toMs);
      const double bad = std::clamp(std::round(expectedBad + std::sqrt(expectedBad) * noise(m_rng)), 0.0, total);
      sink({i, t + step, total - bad, total}); // counted at the end of the step it covers
    }
    t += step;
  }
}

void SimulatedWorld::runScenario(std::int64_t nowMs) {
  if (!m_withScenario)
    return;
  if (!m_canaryStarted && nowMs - m_startMs >= kCanaryStartMs) {
    m_canaryStarted = true;
    SimDeployment d;
    d.id = "payments-v2.3.1";
    d.service = "payments";
    d.version = "v2.3.1";
    d.previousVersion = "v2.3.0";
    d.author = "ci (merge !4821)";
    d.canary = true;
    d.weightPercent = 50;
    d.stepsPercent = {50, 75, 100};
    d.startedAtMs = d.updatedAtMs = nowMs;
    d.canaryErrorRatio = 0.9; // the regression: a null payment token on the new form
    m_deployments.push_back(d);
    ++m_changes;
  }
  if (!m_rateLimiterSwitched && nowMs - m_startMs >= kRateLimiterStartMs) {
    m_rateLimiterSwitched = true;
    setFlag(kRateLimitFlag, true, 100, "config-sync", nowMs);
  }
  if (nowMs - m_lastAnalysisMs >= kMinuteMs) {
    m_lastAnalysisMs = nowMs;
    analyseCanaries(nowMs);
  }
}

void SimulatedWorld::analyseCanaries(std::int64_t nowMs) {
  for (auto &d : m_deployments) {
    if (!d.active() || !d.canary)
      continue;
    d.canarySuccess = 1 - d.canaryErrorRatio;
    d.baselineSuccess = 1 - 0.0002;
    if (d.canarySuccess < d.baselineSuccess - 0.005)
      ++d.failedChecks;
    else
      d.failedChecks = 0;
    d.updatedAtMs = nowMs;
    ++m_changes;
  }
}

SimDeployment *SimulatedWorld::findDeployment(const std::string &id) {
  for (auto &d : m_deployments)
    if (d.id == id)
      return &d;
  return nullptr;
}

SimFlag *SimulatedWorld::findFlag(const std::string &key) {
  for (auto &f : m_flags)
    if (f.key == key)
      return &f;
  return nullptr;
}

std::string SimulatedWorld::rollback(const std::string &deploymentId, std::int64_t nowMs) {
  auto *d = findDeployment(deploymentId);
  if (!d)
    return "no deployment '" + deploymentId + "'";
  if (d->status == "rolled back")
    return {}; // idempotent: already where the caller wants it
  d->status = "rolled back";
  d->weightPercent = 0;
  d->updatedAtMs = nowMs;
  ++m_changes;
  return {};
}

std::string SimulatedWorld::abortCanary(const std::string &deploymentId, std::int64_t nowMs) {
  auto *d = findDeployment(deploymentId);
  if (!d)
    return "no deployment '" + deploymentId + "'";
  if (!d->canary)
    return deploymentId + " is not a canary deployment";
  if (!d->active())
    return deploymentId + " is " + d->status + ", nothing to abort";
  d->status = "aborted";
  d->weightPercent = 0;
  d->updatedAtMs = nowMs;
  ++m_changes;
  return {};
}

std::string SimulatedWorld::promote(const std::string &deploymentId, bool full, std::int64_t nowMs) {
  auto *d = findDeployment(deploymentId);
  if (!d)
    return "no deployment '" + deploymentId + "'";
  if (!d->active())
    return deploymentId + " is " + d->status + ", it cannot be promoted";
  int next = 100;
  if (!full)
    for (int step : d->stepsPercent)
      if (step > d->weightPercent) {
        next = step;
        break;
      }
  d->weightPercent = next;
  if (next == 100)
    d->status = "succeeded";
  d->updatedAtMs = nowMs;
  ++m_changes;
  return {};
}

std::string SimulatedWorld::setFlag(const std::string &key, bool enabled, int rolloutPercent, const std::string &actor,
                                    std::int64_t nowMs) {
  auto *f = findFlag(key);
  if (!f)
    return "no feature flag '" + key + "'";
  if (rolloutPercent > 100)
    return "rollout percentage must be 0..100";
  f->enabled = enabled;
  if (rolloutPercent >= 0)
    f->rolloutPercent = rolloutPercent;
  f->updatedBy = actor;
  f->updatedAtMs = nowMs;
  ++m_changes;
  return {};
}

std::string SimulatedWorld::throttle(const std::string &service, double ratePerSecond, std::int64_t) {
  m_throttles[service] = ratePerSecond;
  ++m_changes;
  return {};
}

double SimulatedWorld::costPerHourUsd(const std::string &service) const {
  static const std::map<std::string, double> kCost = {{"payments", 42.0},     {"auth", 18.5},       {"search", 64.0},
                                                      {"notifications", 9.0}, {"profile-db", 55.0}, {"cdn-edge", 120.0},
                                                      {"signup", 4.5}};
  const auto it = kCost.find(service);
  double cost = it == kCost.end() ? 1.0 : it->second;
  if (service == "search" && m_withScenario)
    cost *= 0.7; // the cost cut of 20 h ago
  return cost;
}

double SimulatedWorld::p95LatencyMs(const std::string &service, std::int64_t nowMs) const {
  static const std::map<std::string, double> kLatency = {{"payments", 180},      {"auth", 60},      {"search", 120},
                                                         {"notifications", 400}, {"profile-db", 8}, {"cdn-edge", 35},
                                                         {"signup", 250}};
  const auto it = kLatency.find(service);
  double p95 = it == kLatency.end() ? 100 : it->second;
  for (const auto &s : m_slos)
    if (s.service == service)
      p95 *= 1 + 10 * badRatio(s, nowMs);
  return p95;
}

} // namespace pxpd::world
