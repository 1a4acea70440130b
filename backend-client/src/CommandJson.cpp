#include "CommandJson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <array>

namespace pxp::client {
namespace {

constexpr std::array kKinds = {CommandKind::SetOverride, CommandKind::ClearOverride, CommandKind::SetKillSwitch,
                               CommandKind::Rollback,    CommandKind::AbortCanary,   CommandKind::PromoteCanary,
                               CommandKind::SetFlag};

std::optional<CommandKind> kindFromName(const QString &name) {
  for (auto kind : kKinds)
    if (commandName(kind) == name)
      return kind;
  return std::nullopt;
}

} // namespace

QByteArray requestToJson(const CommandRequestValue &r) {
  QJsonObject o{{"kind", commandName(r.kind)},
                {"reason", r.reason},
                {"incident_id", r.incidentId},
                {"policy_id", r.policyId},
                {"override_kind", r.overrideKind},
                {"override_id", r.overrideId},
                {"scope_service", r.scopeService},
                {"deployment_id", r.deploymentId},
                {"flag_key", r.flagKey},
                {"duration_seconds", r.durationSeconds},
                {"engaged", r.engaged},
                {"full", r.full},
                {"enabled", r.enabled},
                {"rollout_percent", r.rolloutPercent}};
  return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<CommandRequestValue> requestFromJson(const QByteArray &json) {
  const auto doc = QJsonDocument::fromJson(json);
  const auto o = doc.object();
  const auto kind = kindFromName(o.value("kind").toString());
  if (!doc.isObject() || !kind)
    return std::nullopt;
  CommandRequestValue r;
  r.kind = *kind;
  r.reason = o.value("reason").toString();
  r.incidentId = o.value("incident_id").toString();
  r.policyId = o.value("policy_id").toString();
  r.overrideKind = o.value("override_kind").toString();
  r.overrideId = o.value("override_id").toString();
  r.scopeService = o.value("scope_service").toString();
  r.deploymentId = o.value("deployment_id").toString();
  r.flagKey = o.value("flag_key").toString();
  r.durationSeconds = o.value("duration_seconds").toInteger();
  r.engaged = o.value("engaged").toBool();
  r.full = o.value("full").toBool();
  r.enabled = o.value("enabled").toBool();
  r.rolloutPercent = o.value("rollout_percent").toInt(-1);
  return r;
}

QByteArray auditToJson(const AuditValue &a) {
  if (a.seq == 0)
    return {};
  QJsonObject o{{"seq", a.seq},
                {"time_ms", a.timeMs},
                {"kind", a.kind},
                {"actor", a.actor},
                {"command", a.command},
                {"target", a.target},
                {"reason", a.reason},
                {"idempotency_key", a.idempotencyKey},
                {"before", a.before},
                {"after", a.after},
                {"result", a.result},
                {"service", a.service},
                {"ok", a.ok}};
  return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

AuditValue auditFromJson(const QByteArray &json) {
  AuditValue a;
  const auto o = QJsonDocument::fromJson(json).object();
  a.seq = o.value("seq").toInteger();
  a.timeMs = o.value("time_ms").toInteger();
  a.kind = o.value("kind").toString();
  a.actor = o.value("actor").toString();
  a.command = o.value("command").toString();
  a.target = o.value("target").toString();
  a.reason = o.value("reason").toString();
  a.idempotencyKey = o.value("idempotency_key").toString();
  a.before = o.value("before").toString();
  a.after = o.value("after").toString();
  a.result = o.value("result").toString();
  a.service = o.value("service").toString();
  a.ok = o.value("ok").toBool(true);
  return a;
}

CommandState commandStateFromName(const QString &name) {
  for (auto s : {CommandState::Succeeded, CommandState::Failed})
    if (commandStateName(s) == name)
      return s;
  return CommandState::Pending;
}

CommandFailure commandFailureFromName(const QString &name) {
  for (auto f : {CommandFailure::Refused, CommandFailure::PermissionDenied, CommandFailure::Unauthenticated,
                 CommandFailure::Unreachable, CommandFailure::Journal})
    if (commandFailureName(f) == name)
      return f;
  return CommandFailure::None;
}

} // namespace pxp::client
