#include "engine/SloRuntime.h"

#include "engine/ProtoMapping.h"
#include "pxpd/slo/Evaluate.h"

#include <cmath>
#include <tuple>

namespace pxpd {
namespace {

auto semanticFields(const slo::SloSpec &s) {
  return std::tie(s.id, s.name, s.displayName, s.service, s.productArea, s.owner, s.runbookUrl, s.description,
                  s.objectiveDisplayName, s.kind, s.source, s.objective, s.periodSeconds, s.latencyThresholdMs,
                  s.minEventsPerWindow, s.goodQuery, s.badQuery, s.totalQuery, s.dataSource, s.ratioCounter,
                  s.thresholdQuery, s.thresholdOp, s.thresholdValue);
}

auto eventFields(const slo::SloSpec &s) {
  return std::tie(s.id, s.kind, s.source, s.periodSeconds, s.latencyThresholdMs, s.goodQuery, s.badQuery, s.totalQuery,
                  s.dataSource, s.ratioCounter, s.thresholdQuery, s.thresholdOp, s.thresholdValue);
}

} // namespace

SloRuntime::SloRuntime(slo::SloSpec spec, std::string unmeasuredReason)
    : m_spec(std::move(spec)), m_definition(toProto(m_spec)), m_unmeasuredReason(std::move(unmeasuredReason)),
      m_alertPolicy(slo::AlertPolicy::forPeriod(m_spec.periodSeconds)), m_counter(m_spec.periodSeconds) {
  m_status.set_slo_id(m_spec.id);
  if (m_spec.source == slo::SourceKind::Prometheus)
    setSourceHealth(slo::State::NoData, "no data yet: reading the last " +
                                            std::to_string(m_spec.periodSeconds / 86400) +
                                            " days from Prometheus (DataSource '" + m_spec.dataSource + "')");
}

void SloRuntime::setLagging(std::string reason) {
  m_lagReason = std::move(reason);
}

void SloRuntime::setSourceHealth(slo::State health, std::string reason) {
  m_lagReason.clear();
  m_sourceHealth = health;
  m_sourceReason = health == slo::State::Ok ? std::string() : std::move(reason);
}

slo::Evaluation SloRuntime::evaluate(std::int64_t nowMs) {
  // Lagging: the windows as they stood at the newest data, not emptied by a late scrape.
  const bool lagging = !m_lagReason.empty() && m_counter.lastDataMs() > 0 && m_counter.lastDataMs() < nowMs;
  slo::Evaluation ev = slo::evaluate(m_spec, m_counter, lagging ? m_counter.lastDataMs() : nowMs, m_alertPolicy);
  const bool sourceFailed = m_sourceHealth != slo::State::Ok;
  if (!measured() || sourceFailed) {
    // Nothing was counted, so every figure is "unknown", not "perfect".
    ev.state = measured() ? m_sourceHealth : slo::State::Error;
    ev.tier = slo::Tier::None;
    ev.attainment = NAN;
    ev.budgetRemainingRatio = NAN;
    ev.budgetRemainingEvents = NAN;
    ev.timeToExhaustionSeconds = NAN;
  }
  fillStatus(ev, nowMs, m_status);
  if (!measured())
    m_status.set_error(m_unmeasuredReason);
  else if (sourceFailed)
    m_status.set_error(m_sourceReason);
  else if (lagging)
    m_status.set_error(m_lagReason);
  return ev;
}

bool SloRuntime::sameDefinition(const slo::SloSpec &a, const slo::SloSpec &b) {
  return semanticFields(a) == semanticFields(b);
}

bool SloRuntime::sameEventStream(const slo::SloSpec &a, const slo::SloSpec &b) {
  return eventFields(a) == eventFields(b);
}

void SloRuntime::redefine(slo::SloSpec spec) {
  m_spec = std::move(spec);
  m_definition = toProto(m_spec);
}

} // namespace pxpd
