// Engine, part: Prometheus-sourced SLOs. The fetcher (prometheus/PrometheusFetcher.h) reads on
// its own thread; the tick only hands it the time and feeds the increments it read into each
// SLO's EventCounter, so every window (5m .. 30d) comes from the buckets, not from Prometheus.
#include "Engine.h"
#include "engine/AlertReplay.h"

#include <algorithm>

namespace pxpd {

std::unique_ptr<SloRuntime> Engine::makeRuntime(slo::SloSpec spec, std::string unmeasuredReason) {
  auto rt = std::make_unique<SloRuntime>(std::move(spec), std::move(unmeasuredReason));
  rt->sourceGeneration = ++m_lastSourceGeneration;
  return rt;
}

void Engine::syncPrometheusJobs() {
  std::vector<prom::PrometheusFetcher::Job> jobs;
  for (const auto &rt : m_slos) {
    if (rt->spec().source != slo::SourceKind::Prometheus || !rt->measured())
      continue; // unmeasured: no DataSource to ask (see unmeasuredReason)
    const auto source = std::find_if(m_dataSources.begin(), m_dataSources.end(),
                                     [&](const auto &d) { return d.name == rt->spec().dataSource; });
    if (source != m_dataSources.end())
      jobs.push_back({rt->spec().id, rt->sourceGeneration, rt->spec(), *source});
  }
  m_prometheus.setJobs(std::move(jobs));
}

void Engine::takePrometheusOutcomes() {
  for (auto &o : m_prometheus.drain()) {
    const auto it = m_sloById.find(o.sloId);
    if (it == m_sloById.end() || it->second->sourceGeneration != o.generation)
      continue; // the SLO was removed or redefined while its query ran
    SloRuntime &rt = *it->second;
    // The first answer with data is the backfill of the period: fed through a replay so its
    // alerts exist. Later answers (live steps, a reconciled gap) are counted only: the live
    // ticks judge them.
    if (!rt.alertsReplayed && !o.samples.empty()) {
      AlertReplay replay(m_alerts, o.samples.front().timeMs);
      for (const auto &s : o.samples)
        replay.add(rt, s.timeMs, s.good, s.total);
      rt.alertsReplayed = true;
    } else {
      for (const auto &s : o.samples)
        rt.counter().add(s.timeMs, s.good, s.total);
    }
    using Health = prom::PrometheusFetcher::Health;
    if (o.health == Health::Lagging) {
      rt.setLagging(std::move(o.reason)); // the last state holds; no page resolves or fires on it
      continue;
    }
    rt.setSourceHealth(o.health == Health::Ok       ? slo::State::Ok
                       : o.health == Health::NoData ? slo::State::NoData
                                                    : slo::State::Error,
                       std::move(o.reason));
  }
}

} // namespace pxpd
