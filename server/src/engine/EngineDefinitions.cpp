// Engine, part: installing SLO and policy definitions at start and on reload.
//
// On reload, per SLO id:
//   unchanged definition              -> runtime kept as is (counter, status, alert);
//   changed, same events              -> definition replaced, counter and alert kept
//     (objective, names, owner, min events: 30 days of counts stay meaningful);
//   changed events, or new            -> fresh runtime (simulated: 30 days of history made up);
//   gone                              -> alert resolved, slo_removed_id published.
// Changed and new SLOs are published as slo_definition events. Policies keep their cooldown
// counts when their id stays; overrides of removed policies are cleared.
#include "Engine.h"
#include "engine/AlertReplay.h"
#include "json/JsonText.h"

#include "AuditLog.h"

#include <algorithm>
#include <set>

namespace pxpd {
namespace {

constexpr std::int64_t kHistoryMs = 30LL * 86'400'000;
constexpr int kRecentAuditLoaded = 100;

} // namespace

std::string Engine::unmeasuredReason(const slo::SloSpec &spec) const {
  switch (spec.source) {
  case slo::SourceKind::Simulated:
    return m_config.simulate ? std::string()
                             : "no data: source not configured: this SLO's source is simulated, but pxpd runs "
                               "without simulate: true; turn it on or give the SLO a real source";
  case slo::SourceKind::Prometheus:
    if (std::none_of(m_dataSources.begin(), m_dataSources.end(),
                     [&](const auto &d) { return d.name == spec.dataSource; }))
      return "no data: source not configured: this prometheus SLO names no DataSource (" +
             std::to_string(m_dataSources.size()) +
             " are defined): add a kind: DataSource document (type: Prometheus, connectionDetails: {url: ...}) and "
             "name it in metricSourceRef";
    return {}; // measured by the Prometheus fetcher; its failures show as the SLO's source health
  case slo::SourceKind::Spans: {
    // Measured from OTLP spans as they arrive (EngineSpans.cpp); a bad selector was refused at load.
    auto sli = SpanSli::compile(spec);
    return sli ? std::string() : "no data: " + sli.error();
  }
  }
  return "no data: unknown source";
}

std::string Engine::definitionCounts() const {
  return jsonText({{"slos", m_slos.size()}, {"policies", m_policies.rules().size()}});
}

void Engine::rebuildWorldIndex() {
  m_sloById.clear();
  for (auto &rt : m_slos)
    m_sloById[rt->spec().id] = rt.get();
  rebuildSpanSlis();
  m_worldSlos.clear();
  if (!m_config.simulate)
    return;
  std::vector<slo::SloSpec> specs;
  for (const auto &rt : m_slos)
    specs.push_back(rt->spec());
  m_world->setSlos(specs);
  for (const auto &s : m_world->slos())
    m_worldSlos.push_back(m_sloById.at(s.id));
}

void Engine::installPolicies(std::vector<PolicyRule> rules, const std::vector<std::string> &removed) {
  m_actuators.clear();
  for (const auto &r : rules)
    if (r.actuator.type != ActuatorSpec::Type::Simulated)
      m_actuators[r.policy.id()] = makeActuator(r.actuator, *m_world);
  for (const auto &id : m_policies.setRules(std::move(rules)))
    publishOverrideCleared(id);
  for (const auto &id : removed) {
    pxp::v1::Event e;
    e.mutable_policy()->set_id(id);
    e.mutable_policy()->set_removed(true);
    publish(std::move(e));
  }
  publishPolicies();
}

void Engine::start(Definitions initial) {
  std::lock_guard lock(m_mutex);
  for (auto &a : m_audit.recent(kRecentAuditLoaded))
    m_recentAudit.push_back(std::move(a));
  m_origin = initial.origin;
  m_dataSources = initial.dataSources;
  for (auto &spec : initial.slos) {
    auto reason = unmeasuredReason(spec);
    m_slos.push_back(makeRuntime(std::move(spec), std::move(reason)));
  }
  syncPrometheusJobs();
  rebuildWorldIndex();
  if (m_config.simulate) {
    AlertReplay replay(m_alerts, m_simStartMs - kHistoryMs);
    m_world->synthesizeHistory(m_simStartMs - kHistoryMs, m_simStartMs, [&](const world::SliSample &s) {
      replay.add(*m_worldSlos[s.sloIndex], s.timeMs, s.good, s.total);
    });
  }
  installPolicies(std::move(initial.policies), {});
  m_lastTickSimMs = m_simStartMs;
  auditConfig("pxpd", "LoadConfig", m_origin, true,
              "loaded " + std::to_string(m_slos.size()) + " SLOs and " + std::to_string(m_policies.rules().size()) +
                  " policies",
              "{}", definitionCounts());
  publishWorldChanges();
  evaluateSlos(m_simStartMs);
  m_prometheus.advance(m_simStartMs); // backfill starts now, off this thread
}

DefinitionDiff Engine::applyDefinitions(Definitions defs) {
  const std::int64_t now = simNowMs();
  std::vector<slo::SloSpec> oldSpecs;
  for (const auto &rt : m_slos)
    oldSpecs.push_back(rt->spec());
  auto diff = DefinitionDiff::between(oldSpecs, m_policies.rules(), defs.slos, defs.policies);
  if (!m_policies.rules().empty() && defs.policies.empty())
    std::fprintf(stderr,
                 "pxpd: the policy files now hold no policies (allow_empty: true): all %zu policies are "
                 "removed and automation takes no action until policies are added back\n",
                 m_policies.rules().size());

  std::map<std::string, std::unique_ptr<SloRuntime>> old;
  for (auto &rt : m_slos)
    old[rt->spec().id] = std::move(rt);
  m_slos.clear();
  std::set<std::string> fresh; // ids whose counters start over
  m_dataSources = defs.dataSources;
  for (auto &spec : defs.slos) {
    auto reason = unmeasuredReason(spec);
    if (auto it = old.find(spec.id); it != old.end()) {
      auto rt = std::move(it->second);
      old.erase(it);
      if (SloRuntime::sameDefinition(rt->spec(), spec)) {
        m_slos.push_back(std::move(rt));
        continue;
      }
      if (SloRuntime::sameEventStream(rt->spec(), spec) && reason.empty() == rt->measured()) {
        rt->redefine(std::move(spec));
        pxp::v1::Event e;
        *e.mutable_slo_definition() = rt->definition();
        publish(std::move(e));
        m_slos.push_back(std::move(rt));
        continue;
      }
      m_alerts.resolve(*rt, now);
    }
    fresh.insert(spec.id);
    m_slos.push_back(makeRuntime(std::move(spec), std::move(reason)));
    pxp::v1::Event e;
    *e.mutable_slo_definition() = m_slos.back()->definition();
    publish(std::move(e));
  }
  for (auto &[id, rt] : old) {
    m_alerts.resolve(*rt, now);
    pxp::v1::Event e;
    e.set_slo_removed_id(id);
    publish(std::move(e));
  }
  syncPrometheusJobs();
  rebuildWorldIndex();
  if (m_config.simulate) {
    std::vector<std::size_t> only;
    for (std::size_t i = 0; i < m_world->slos().size(); ++i)
      if (fresh.count(m_world->slos()[i].id))
        only.push_back(i);
    const std::int64_t worldNow = m_world->nowMs();
    if (!only.empty()) {
      AlertReplay replay(m_alerts, worldNow - kHistoryMs);
      m_world->synthesizeHistory(
          worldNow - kHistoryMs, worldNow,
          [&](const world::SliSample &s) { replay.add(*m_worldSlos[s.sloIndex], s.timeMs, s.good, s.total); }, only);
    }
  }
  installPolicies(std::move(defs.policies), diff.removedPolicies);
  m_origin = defs.origin;
  evaluateSlos(now);
  return diff;
}

Result<std::string> Engine::reload(const Result<Definitions> &loaded, const std::string &actor) {
  std::lock_guard lock(m_mutex);
  const std::string before = definitionCounts();
  if (!loaded) {
    const std::string kept = "still serving the previous " + std::to_string(m_slos.size()) + " SLOs and " +
                             std::to_string(m_policies.rules().size()) + " policies";
    auditConfig(actor, "ReloadConfig", m_origin, false, loaded.error() + "; " + kept, before, before);
    return Error{loaded.error() + "; " + kept};
  }
  const auto diff = applyDefinitions(loaded.value());
  auditConfig(actor, "ReloadConfig", m_origin, true, diff.summary(), before, diff.json());
  return diff.summary();
}

} // namespace pxpd
