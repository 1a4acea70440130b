// Engine, part: what the API reads (snapshot, history, costs, audit) and the command path.
#include "Engine.h"

#include "AuditLog.h"
#include "engine/SloHistory.h"
#include "json/JsonText.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace pxpd {

pxp::v1::Snapshot Engine::snapshot(std::int64_t &revision) const {
  std::lock_guard lock(m_mutex);
  pxp::v1::Snapshot s;
  for (const auto &rt : m_slos) {
    *s.add_slos() = rt->definition();
    *s.add_statuses() = rt->status();
  }
  for (const auto &[id, a] : m_alerts.alerts())
    *s.add_alerts() = a;
  for (const auto &[id, d] : m_worldMirror.deployments())
    *s.add_deployments() = d;
  for (const auto &[key, f] : m_worldMirror.flags())
    *s.add_flags() = f;
  for (const auto &p : m_policies.policies())
    *s.add_policies() = p;
  for (const auto &o : m_policies.overrides())
    *s.add_overrides() = o;
  *s.mutable_kill_switch() = m_killSwitch;
  for (const auto &d : m_recentDecisions)
    *s.add_recent_decisions() = d;
  for (const auto &a : m_recentAudit)
    *s.add_recent_audit() = a;
  s.set_server_time_ms(simNowMs());
  s.set_world(m_config.simulate ? "simulated" : "configured");
  s.set_time_scale(m_timeScale);
  revision = m_events.head(); // under m_mutex: no event is appended while we read
  return s;
}

bool Engine::hasSlo(const std::string &id) const {
  std::lock_guard lock(m_mutex);
  return findSlo(id) != nullptr;
}

std::size_t Engine::sloCount() const {
  std::lock_guard lock(m_mutex);
  return m_slos.size();
}

pxp::v1::SloHistory Engine::history(const pxp::v1::GetSloHistoryRequest &req) const {
  std::lock_guard lock(m_mutex);
  const auto *rt = findSlo(req.slo_id());
  if (!rt) {
    pxp::v1::SloHistory h;
    h.set_slo_id(req.slo_id());
    return h;
  }
  return sloHistory(*rt, req, simNowMs());
}

pxp::v1::CommandResult Engine::execute(const Identity &who, CommandRequest req) {
  std::lock_guard lock(m_mutex);
  pxp::v1::CommandResult result;
  const auto &key = req.meta.idempotency_key();
  pxp::v1::AuditEntry first;
  switch (m_audit.begin(key, req.command, req.fingerprint, simNowMs(), first)) {
  case AuditLog::KeyState::Completed:
    result.set_ok(first.ok());
    result.set_message(first.ok() ? req.command + " " + first.target() + ": done before (same idempotency key)"
                                  : first.result());
    *result.mutable_audit() = first;
    result.set_replayed(true);
    return result;
  case AuditLog::KeyState::Conflict:
    result.set_ok(false);
    result.set_message("idempotency key " + key + " was used for a different command: use a new key");
    return result;
  case AuditLog::KeyState::InProgress:
    result.set_ok(false);
    result.set_message("a command with idempotency key " + key + " is still in progress; retry in a moment");
    return result;
  case AuditLog::KeyState::New: break;
  }
  std::string before, after;
  const std::string error = req.action(who, before, after);
  const std::string done =
      error.empty() && req.describeResult ? req.describeResult() : req.command + " " + req.target + ": done";
  pxp::v1::AuditEntry a;
  a.set_time_ms(simNowMs());
  a.set_kind(req.auditKind);
  a.set_actor(who.actor);
  a.set_role(static_cast<pxp::v1::Role>(static_cast<int>(who.role)));
  a.set_command(req.command);
  a.set_target(req.target);
  a.set_reason(req.meta.reason());
  a.set_idempotency_key(key);
  a.set_before(before);
  a.set_after(after);
  a.set_ok(error.empty());
  a.set_result(error.empty() ? (req.describeResult ? done : "done") : error);
  a.set_service(req.service);
  result.set_ok(error.empty());
  result.set_message(error.empty() ? done : error);
  auto stored = m_audit.complete(key, a);
  if (!stored) {
    // The change happened but its record did not land: say so loudly rather than pretend.
    result.set_message(result.message() + "; WARNING: the audit log could not record it: " + stored.error());
    *result.mutable_audit() = a;
  } else {
    *result.mutable_audit() = stored.value();
    publishAudit(stored.value());
  }
  publishWorldChanges();
  return result;
}

void Engine::auditDenied(const Identity &who, const std::string &command, const std::string &target,
                         const pxp::v1::CommandMeta &meta, const std::string &why) {
  std::lock_guard lock(m_mutex);
  pxp::v1::AuditEntry a;
  a.set_time_ms(simNowMs());
  a.set_kind(pxp::v1::AUDIT_KIND_AUTH_DENIED);
  a.set_actor(who.actor);
  a.set_role(static_cast<pxp::v1::Role>(static_cast<int>(who.role)));
  a.set_command(command);
  a.set_target(target);
  a.set_reason(meta.reason());
  a.set_idempotency_key(meta.idempotency_key());
  a.set_ok(false);
  a.set_result(why);
  appendAudit(std::move(a));
}

std::vector<pxp::v1::CostSample> Engine::costs() const {
  std::lock_guard lock(m_mutex);
  std::vector<pxp::v1::CostSample> out;
  // Cost and p95 per service come from the simulated world's own model; pxpd reads no cost
  // from real systems yet, and never makes one up: no source, no sample.
  if (!m_config.simulate)
    return out;
  std::map<std::string, double> tx; // transactions per hour, from the SLO event rates
  for (const auto &rt : m_slos) {
    if (!rt->measured())
      continue;
    const auto sums = rt->counter().sum(m_lastTickSimMs, 3600);
    tx[rt->spec().service] = std::max(tx[rt->spec().service], sums.total);
  }
  for (const auto &[service, perHour] : tx) {
    pxp::v1::CostSample c;
    c.set_service(service);
    c.set_time_ms(m_lastTickSimMs);
    c.set_cost_per_hour_usd(m_world->costPerHourUsd(service));
    c.set_cost_per_1k_transactions_usd(perHour > 0 ? c.cost_per_hour_usd() / perHour * 1000 : NAN);
    c.set_p95_latency_ms(m_world->p95LatencyMs(service, m_lastTickSimMs));
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<pxp::v1::AuditEntry> Engine::queryAudit(const pxp::v1::QueryAuditRequest &req) const {
  std::lock_guard lock(m_mutex);
  return m_audit.query(req);
}

std::string Engine::deploymentService(const std::string &id) const {
  std::lock_guard lock(m_mutex);
  const auto &all = m_worldMirror.deployments();
  const auto it = all.find(id);
  return it == all.end() ? std::string() : it->second.service();
}

std::vector<std::string> Engine::services() const {
  std::lock_guard lock(m_mutex);
  std::set<std::string> all;
  for (const auto &rt : m_slos)
    all.insert(rt->spec().service);
  for (const auto &[id, d] : m_worldMirror.deployments())
    all.insert(d.service());
  for (const auto &[key, f] : m_worldMirror.flags())
    all.insert(f.service());
  all.erase(std::string());
  return {all.begin(), all.end()};
}

std::string Engine::flagService(const std::string &key) const {
  std::lock_guard lock(m_mutex);
  const auto &all = m_worldMirror.flags();
  const auto it = all.find(key);
  return it == all.end() ? std::string() : it->second.service();
}

std::string Engine::deploymentJson(const std::string &id) const {
  for (const auto &d : m_world->deployments())
    if (d.id == id)
      return jsonText({{"version", d.version}, {"weight_percent", d.weightPercent}, {"status", d.status}});
  return "{}";
}

std::string Engine::flagJson(const std::string &key) const {
  for (const auto &f : m_world->flags())
    if (f.key == key)
      return jsonText({{"enabled", f.enabled}, {"rollout_percent", f.rolloutPercent}});
  return "{}";
}

} // namespace pxpd
