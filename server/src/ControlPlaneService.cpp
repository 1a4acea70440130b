#include "ControlPlaneService.h"

#include "engine/Engine.h"
#include "pxp_version.h"
#include "pxpd/Clock.h"
#include "json/JsonText.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

namespace pxpd {
namespace {

constexpr std::size_t kMaxEventsPerMessage = 256;
constexpr std::size_t kCoalesceAbove = 2048; // a consumer this far behind gets latest state only
constexpr auto kWatchPoll = std::chrono::milliseconds(250);

grpc::Status invalid(const std::string &what) {
  return {grpc::StatusCode::INVALID_ARGUMENT, what};
}

constexpr std::size_t kMaxReasonBytes = 2000;
constexpr std::size_t kMaxIdBytes = 256; // deployment ids, flag keys, policy and override ids, services

bool isControl(unsigned char c) {
  return c < 0x20 || c == 0x7f;
}

// Every request is checked before anything else, permission included: a refused request is
// audited, and what it carries must be small and printable before it reaches the audit log.
grpc::Status checkMeta(const pxp::v1::CommandMeta &m) {
  if (m.reason().size() > kMaxReasonBytes)
    return invalid("reason is longer than 2,000 bytes");
  // Only spaces and control characters (newlines, escapes) say nothing.
  if (std::all_of(m.reason().begin(), m.reason().end(), [](unsigned char c) { return c == ' ' || isControl(c); }))
    return invalid("a reason is required: say why, it is kept in the audit log and the incident timeline");
  if (m.idempotency_key().size() < 8 || m.idempotency_key().size() > 128)
    return invalid("idempotency_key must be 8..128 characters");
  if (std::any_of(m.idempotency_key().begin(), m.idempotency_key().end(),
                  [](unsigned char c) { return isControl(c) || c == ' '; }))
    return invalid("idempotency_key must be printable, without spaces");
  return grpc::Status::OK;
}

// The engaged scopes as the audit log's before/after: "every service, payments" or "none".
std::string killSwitchScopes(const pxp::v1::KillSwitchState &k) {
  std::string out;
  for (const auto &s : k.scopes())
    out += (out.empty() ? "" : ", ") + (s.service().empty() ? std::string("every service") : s.service());
  return out.empty() ? "none" : out;
}

// The audit's before/after of a kill switch command: the engaged scopes, as JSON.
std::string killSwitchJson(const pxp::v1::KillSwitchState &k) {
  Json scopes = Json::array();
  for (const auto &s : k.scopes())
    scopes.push_back({{"service", s.service()}, {"actor", s.actor()}, {"engaged_at_ms", s.engaged_at_ms()}});
  return jsonText({{"engaged", k.engaged()}, {"scopes", scopes}});
}

// An identifier field of a request: at most 256 bytes, no control characters.
grpc::Status checkId(const std::string &value, const char *field) {
  if (value.size() > kMaxIdBytes)
    return invalid(std::string(field) + " is longer than 256 bytes");
  if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return isControl(c); }))
    return invalid(std::string(field) + " contains control characters");
  return grpc::Status::OK;
}

// An enum field of a request: a value this daemon knows, never one it would guess at.
template <typename IsValid> grpc::Status checkEnum(int value, IsValid isValid, const char *field) {
  if (!isValid(value))
    return invalid(std::string(field) + " " + std::to_string(value) + " is not a known value");
  return grpc::Status::OK;
}

} // namespace

struct ControlPlaneService::Command {
  std::string name;
  const pxp::v1::CommandMeta *meta = nullptr;
  CommandRequest request;
};

ControlPlaneService::ControlPlaneService(const Authenticator &auth, Engine &engine, const Clock &clock,
                                         std::string world, LoadDefinitions loadDefinitions)
    : m_auth(auth), m_engine(engine), m_world(std::move(world)), m_loadDefinitions(std::move(loadDefinitions)),
      m_commandLimit(clock, kCommandBurst, kCommandsPerSecond),
      m_refusedLimit(clock, kRefusedBurst, kRefusedPerSecond) {}

grpc::Status ControlPlaneService::WhoAmI(grpc::ServerContext *ctx, const pxp::v1::WhoAmIRequest *,
                                         pxp::v1::WhoAmIResponse *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  resp->set_actor(who.actor);
  resp->set_role(static_cast<pxp::v1::Role>(static_cast<int>(who.role)));
  for (const auto &c : allowedCommands(who.role))
    resp->add_allowed_commands(c);
  resp->set_server_version(PXP_VERSION);
  resp->set_server_time_ms(m_engine.simNowMs());
  resp->set_world(m_world);
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::Watch(grpc::ServerContext *ctx, const pxp::v1::WatchRequest *req,
                                        grpc::ServerWriter<pxp::v1::WatchResponse> *writer) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  auto &log = m_engine.events();
  std::int64_t revision = req->resume_after_revision();
  std::vector<pxp::v1::Event> pending;
  const bool sameRun = req->stream_id().empty() || req->stream_id() == log.streamId();
  bool resumed = revision > 0 && sameRun && log.since(revision, 0, pending);
  auto sendSnapshot = [&] {
    pxp::v1::WatchResponse resp;
    *resp.mutable_snapshot() = m_engine.snapshot(revision);
    resp.set_revision(revision);
    resp.set_stream_id(log.streamId());
    return writer->Write(resp);
  };
  if (!resumed && !sendSnapshot())
    return grpc::Status::OK;
  bool first = true;
  while (!ctx->IsCancelled() && !m_shuttingDown) {
    log.waitBeyond(revision, kWatchPoll);
    std::vector<pxp::v1::Event> events;
    if (!log.since(revision, kCoalesceAbove * 4, events)) {
      if (!sendSnapshot()) // fell out of retention: start over from the current state
        break;
      continue;
    }
    if (events.empty()) {
      if (first && resumed) { // tell a resuming client it was honoured even when nothing changed
        pxp::v1::WatchResponse resp;
        resp.set_revision(revision);
        resp.set_resumed(true);
        resp.set_stream_id(log.streamId());
        if (!writer->Write(resp))
          break;
        first = false;
      }
      continue;
    }
    const std::int64_t last = events.back().revision();
    if (events.size() > kCoalesceAbove)
      events = EventLog::coalesce(std::move(events));
    for (std::size_t i = 0; i < events.size(); i += kMaxEventsPerMessage) {
      pxp::v1::WatchResponse resp;
      const std::size_t end = std::min(events.size(), i + kMaxEventsPerMessage);
      for (std::size_t j = i; j < end; ++j)
        *resp.add_events() = std::move(events[j]);
      resp.set_revision(end == events.size() ? last : resp.events(resp.events_size() - 1).revision());
      resp.set_resumed(first && resumed);
      resp.set_stream_id(log.streamId());
      first = false;
      if (!writer->Write(resp))
        return grpc::Status::OK;
    }
    revision = last;
  }
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::GetSloHistory(grpc::ServerContext *ctx, const pxp::v1::GetSloHistoryRequest *req,
                                                pxp::v1::SloHistory *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  if (!m_engine.hasSlo(req->slo_id()))
    return {grpc::StatusCode::NOT_FOUND, "no SLO '" + req->slo_id() + "'"};
  *resp = m_engine.history(*req);
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::ListTraces(grpc::ServerContext *ctx, const pxp::v1::ListTracesRequest *req,
                                             pxp::v1::ListTracesResponse *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  *resp = m_engine.traces().list(*req);
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::GetTrace(grpc::ServerContext *ctx, const pxp::v1::GetTraceRequest *req,
                                           pxp::v1::Trace *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  if (!m_engine.traces().get(req->trace_id(), *resp))
    return {grpc::StatusCode::NOT_FOUND, "trace " + req->trace_id() + " is not (or no longer) in the trace store"};
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::QueryLogs(grpc::ServerContext *ctx, const pxp::v1::QueryLogsRequest *req,
                                            pxp::v1::QueryLogsResponse *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  if (auto s = checkEnum(req->min_severity(), pxp::v1::LogSeverity_IsValid, "min_severity"); !s.ok())
    return s;
  *resp = m_engine.traces().logs(*req, m_engine.simNowMs());
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::GetRedMetrics(grpc::ServerContext *ctx, const pxp::v1::GetRedMetricsRequest *req,
                                                pxp::v1::GetRedMetricsResponse *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  const std::int64_t window = req->window_seconds() > 0 ? req->window_seconds() : 300;
  for (auto &m : m_engine.traces().red(req->service(), window, m_engine.simNowMs()))
    *resp->add_endpoints() = std::move(m);
  for (auto &c : m_engine.costs())
    *resp->add_costs() = std::move(c);
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::QueryAudit(grpc::ServerContext *ctx, const pxp::v1::QueryAuditRequest *req,
                                             pxp::v1::QueryAuditResponse *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  if (auto s = checkEnum(req->kind(), pxp::v1::AuditKind_IsValid, "kind"); !s.ok())
    return s;
  for (auto &e : m_engine.queryAudit(*req))
    *resp->add_entries() = std::move(e);
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::runCommand(grpc::ServerContext *ctx, Command &&cmd, pxp::v1::CommandResult *resp) {
  Identity who;
  if (auto s = m_auth.authenticate(*ctx, who); !s.ok())
    return s;
  if (auto s = checkMeta(*cmd.meta); !s.ok())
    return s;
  if (auto s = Authenticator::authorize(who, cmd.name); !s.ok()) {
    if (!m_refusedLimit.take(who.actor))
      return {grpc::StatusCode::RESOURCE_EXHAUSTED,
              s.error_message() + "; and " + who.actor + " has been refused too often: wait " +
                  std::to_string(static_cast<int>(std::ceil(m_refusedLimit.waitSeconds(who.actor)))) + " s"};
    m_engine.auditDenied(who, cmd.request.command, cmd.request.target, *cmd.meta, s.error_message());
    return s;
  }
  if (!m_commandLimit.take(who.actor))
    return {grpc::StatusCode::RESOURCE_EXHAUSTED,
            "too many commands from " + who.actor + " (at most " + std::to_string(int(kCommandBurst)) +
                " at once, then " + std::to_string(int(kCommandsPerSecond)) + " per second): retry in " +
                std::to_string(static_cast<int>(std::ceil(m_commandLimit.waitSeconds(who.actor)))) +
                " s with the same idempotency key"};
  cmd.request.meta = *cmd.meta;
  cmd.request.fingerprint = cmd.name + "|" + cmd.request.target + "|" + cmd.request.fingerprint;
  *resp = m_engine.execute(who, std::move(cmd.request));
  return grpc::Status::OK;
}

grpc::Status ControlPlaneService::SetKillSwitch(grpc::ServerContext *ctx, const pxp::v1::SetKillSwitchRequest *req,
                                                pxp::v1::CommandResult *resp) {
  if (auto s = checkId(req->scope_service(), "scope_service"); !s.ok())
    return s;
  if (!req->scope_service().empty()) {
    const auto known = m_engine.services();
    if (std::find(known.begin(), known.end(), req->scope_service()) == known.end()) {
      std::string list;
      for (const auto &s : known)
        list += (list.empty() ? "" : ", ") + s;
      return invalid("no service '" + req->scope_service() + "': a kill switch scope is one of " + list +
                     ", or empty for all services");
    }
  }
  Command c{"SetKillSwitch", &req->meta(), {}};
  c.request.command = "SetKillSwitch";
  c.request.service = req->scope_service();
  c.request.target = std::string(req->engaged() ? "engage" : "release") + " kill switch" +
                     (req->scope_service().empty() ? " (all services)" : " for " + req->scope_service());
  c.request.fingerprint = std::to_string(req->engaged()) + req->scope_service();
  c.request.action = [this, req](const Identity &who, std::string &before, std::string &after) {
    auto &k = m_engine.killSwitch();
    const std::string engagedBefore = killSwitchScopes(k);
    before = killSwitchJson(k);
    auto *scopes = k.mutable_scopes();
    const auto it = std::find_if(scopes->begin(), scopes->end(),
                                 [&](const auto &s) { return s.service() == req->scope_service(); });
    const std::string named = req->scope_service().empty() ? "every service" : req->scope_service();
    if (req->engaged()) {
      pxp::v1::KillSwitchScope &scope = it != scopes->end() ? *it : *scopes->Add();
      scope.set_service(req->scope_service());
      scope.set_actor(who.actor);
      scope.set_reason(req->meta().reason());
      scope.set_engaged_at_ms(m_engine.simNowMs());
      std::sort(scopes->begin(), scopes->end(),
                [](const auto &a, const auto &b) { return a.service() < b.service(); }); // "" first
    } else if (it == scopes->end()) {
      after = before;
      return "the kill switch is not engaged for " + named + " (engaged: " + engagedBefore + "); nothing released";
    } else {
      scopes->erase(it);
    }
    k.set_engaged(!scopes->empty());
    k.set_scope_service(req->scope_service());
    k.set_actor(who.actor);
    k.set_reason(req->meta().reason());
    k.set_changed_at_ms(m_engine.simNowMs());
    after = killSwitchJson(k);
    m_engine.publishKillSwitch();
    return std::string();
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::Rollback(grpc::ServerContext *ctx, const pxp::v1::RollbackRequest *req,
                                           pxp::v1::CommandResult *resp) {
  if (auto s = checkId(req->deployment_id(), "deployment_id"); !s.ok())
    return s;
  Command c{"Rollback", &req->meta(), {}};
  c.request.command = "Rollback";
  c.request.target = req->deployment_id();
  c.request.service = m_engine.deploymentService(req->deployment_id());
  // Rolling back what is already rolled back succeeds (the caller's wish holds) but says it
  // changed nothing, and since when.
  auto noChange = std::make_shared<std::string>();
  c.request.describeResult = [id = req->deployment_id(), noChange] {
    return "Rollback " + id + ": " + (noChange->empty() ? std::string("done") : *noChange);
  };
  c.request.action = [this, req, noChange](const Identity &, std::string &before, std::string &after) {
    before = m_engine.deploymentJson(req->deployment_id());
    for (const auto &d : m_engine.world().deployments())
      if (d.id == req->deployment_id() && d.status == "rolled back") {
        const auto minutesAgo = (m_engine.simNowMs() - d.updatedAtMs) / 60'000;
        *noChange = "no change: it was already rolled back " +
                    (minutesAgo < 1 ? std::string("less than a minute ago") : std::to_string(minutesAgo) + " min ago");
      }
    auto err = m_engine.world().rollback(req->deployment_id(), m_engine.simNowMs());
    m_engine.publishWorldChanges();
    after = m_engine.deploymentJson(req->deployment_id());
    return err;
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::AbortCanary(grpc::ServerContext *ctx, const pxp::v1::AbortCanaryRequest *req,
                                              pxp::v1::CommandResult *resp) {
  if (auto s = checkId(req->deployment_id(), "deployment_id"); !s.ok())
    return s;
  Command c{"AbortCanary", &req->meta(), {}};
  c.request.command = "AbortCanary";
  c.request.target = req->deployment_id();
  c.request.service = m_engine.deploymentService(req->deployment_id());
  c.request.action = [this, req](const Identity &, std::string &before, std::string &after) {
    before = m_engine.deploymentJson(req->deployment_id());
    auto err = m_engine.world().abortCanary(req->deployment_id(), m_engine.simNowMs());
    m_engine.publishWorldChanges();
    after = m_engine.deploymentJson(req->deployment_id());
    return err;
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::PromoteCanary(grpc::ServerContext *ctx, const pxp::v1::PromoteCanaryRequest *req,
                                                pxp::v1::CommandResult *resp) {
  if (auto s = checkId(req->deployment_id(), "deployment_id"); !s.ok())
    return s;
  Command c{req->full() ? "PromoteCanaryFull" : "PromoteCanary", &req->meta(), {}};
  c.request.command = "PromoteCanary";
  c.request.target = req->deployment_id() + (req->full() ? " (full)" : " (next step)");
  c.request.service = m_engine.deploymentService(req->deployment_id());
  c.request.action = [this, req](const Identity &, std::string &before, std::string &after) {
    before = m_engine.deploymentJson(req->deployment_id());
    auto err = m_engine.world().promote(req->deployment_id(), req->full(), m_engine.simNowMs());
    m_engine.publishWorldChanges();
    after = m_engine.deploymentJson(req->deployment_id());
    return err;
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::SetFlag(grpc::ServerContext *ctx, const pxp::v1::SetFlagRequest *req,
                                          pxp::v1::CommandResult *resp) {
  if (req->rollout_percent() < -1 || req->rollout_percent() > 100)
    return invalid("rollout_percent must be 0..100, or -1 to keep the current value");
  if (auto s = checkId(req->key(), "key"); !s.ok())
    return s;
  Command c{"SetFlag", &req->meta(), {}};
  c.request.command = "SetFlag";
  c.request.target = req->key() + (req->enabled() ? " on" : " off") +
                     (req->rollout_percent() >= 0 ? " at " + std::to_string(req->rollout_percent()) + "%" : "");
  c.request.service = m_engine.flagService(req->key());
  c.request.fingerprint = std::to_string(req->enabled()) + "|" + std::to_string(req->rollout_percent());
  c.request.action = [this, req](const Identity &who, std::string &before, std::string &after) {
    before = m_engine.flagJson(req->key());
    auto err =
        m_engine.world().setFlag(req->key(), req->enabled(), req->rollout_percent(), who.actor, m_engine.simNowMs());
    m_engine.publishWorldChanges();
    after = m_engine.flagJson(req->key());
    return err;
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::SetOverride(grpc::ServerContext *ctx, const pxp::v1::SetOverrideRequest *req,
                                              pxp::v1::CommandResult *resp) {
  if (req->kind() != pxp::v1::OVERRIDE_KIND_PAUSE && req->kind() != pxp::v1::OVERRIDE_KIND_FORCE_ONCE)
    return invalid("kind must be PAUSE or FORCE_ONCE (got " + std::to_string(req->kind()) + ")");
  if (req->kind() == pxp::v1::OVERRIDE_KIND_PAUSE &&
      (req->duration_seconds() < 60 || req->duration_seconds() > 7 * 86400))
    return invalid("a pause lasts 60 s to 7 days (duration_seconds)");
  if (auto s = checkId(req->policy_id(), "policy_id"); !s.ok())
    return s;
  Command c{"SetOverride", &req->meta(), {}};
  c.request.command = "SetOverride";
  c.request.target =
      std::string(req->kind() == pxp::v1::OVERRIDE_KIND_PAUSE ? "pause " : "force once ") + req->policy_id() +
      (req->kind() == pxp::v1::OVERRIDE_KIND_PAUSE ? " for " + std::to_string(req->duration_seconds()) + " s" : "");
  c.request.fingerprint = std::to_string(req->kind()) + "|" + std::to_string(req->duration_seconds());
  c.request.action = [this, req](const Identity &who, std::string &before, std::string &after) {
    const auto now = m_engine.simNowMs();
    pxp::v1::Override o;
    o.set_id("ovr-" + req->meta().idempotency_key());
    o.set_policy_id(req->policy_id());
    o.set_kind(req->kind());
    o.set_actor(who.actor);
    o.set_reason(req->meta().reason());
    o.set_created_at_ms(now);
    if (req->kind() == pxp::v1::OVERRIDE_KIND_PAUSE)
      o.set_expires_at_ms(now + req->duration_seconds() * 1000);
    before = "{}";
    if (auto err = m_engine.policies().addOverride(o))
      return *err;
    after = jsonText({{"override", o.id()}, {"expires_at_ms", o.expires_at_ms()}});
    m_engine.publishOverride(o);
    m_engine.publishPolicies();
    return std::string();
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::ClearOverride(grpc::ServerContext *ctx, const pxp::v1::ClearOverrideRequest *req,
                                                pxp::v1::CommandResult *resp) {
  if (auto s = checkId(req->override_id(), "override_id"); !s.ok())
    return s;
  Command c{"ClearOverride", &req->meta(), {}};
  c.request.command = "ClearOverride";
  c.request.target = req->override_id();
  c.request.action = [this, req](const Identity &, std::string &before, std::string &after) {
    pxp::v1::Override cleared;
    if (!m_engine.policies().clearOverride(req->override_id(), &cleared))
      return "no active override '" + req->override_id() + "' (it may have expired)";
    before = jsonText({{"policy", cleared.policy_id()}});
    after = "{}";
    m_engine.publishOverrideCleared(req->override_id());
    m_engine.publishPolicies();
    return std::string();
  };
  return runCommand(ctx, std::move(c), resp);
}

grpc::Status ControlPlaneService::ReloadConfig(grpc::ServerContext *ctx, const pxp::v1::ReloadConfigRequest *req,
                                               pxp::v1::CommandResult *resp) {
  Command c{"ReloadConfig", &req->meta(), {}};
  c.request.command = "ReloadConfig";
  c.request.target = "SLO and policy definitions";
  c.request.auditKind = pxp::v1::AUDIT_KIND_CONFIG;
  // Read and check the files before taking the engine lock: a large set must not stall a tick.
  auto loaded = std::make_shared<Result<Definitions>>(Error{"not loaded"});
  auto diff = std::make_shared<DefinitionDiff>();
  bool authorized = false;
  {
    Identity who;
    authorized = m_auth.authenticate(*ctx, who).ok() && Authenticator::authorize(who, "ReloadConfig").ok();
  }
  if (authorized)
    *loaded = m_loadDefinitions();
  c.request.action = [this, loaded, diff](const Identity &who, std::string &before, std::string &after) {
    before = m_engine.definitionCounts();
    if (!*loaded) {
      std::fprintf(stderr, "pxpd: ReloadConfig by %s failed: %s; nothing changed\n", who.actor.c_str(),
                   loaded->error().c_str());
      after = before;
      return loaded->error() + "; nothing changed, the previous definitions stay in force";
    }
    *diff = m_engine.applyDefinitions(std::move(*loaded).value());
    after = diff->json();
    return std::string();
  };
  c.request.describeResult = [diff] { return "ReloadConfig: " + diff->summary(); };
  return runCommand(ctx, std::move(c), resp);
}

} // namespace pxpd
