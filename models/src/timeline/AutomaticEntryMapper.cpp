#include "pxp/models/timeline/AutomaticEntryMapper.h"

#include "pxp/models/Format.h"

#include <QRegularExpression>
#include <QUuid>

namespace pxp::models {

using namespace client;

namespace {

// The namespace of automatic entry ids (UUID v5): fixed forever, or ids stop matching.
const QUuid kEntryNamespace(QStringLiteral("{4f0b7c7e-2f61-4a57-9d0e-5c1b8a3e6d21}"));

TimelineEntry automaticEntry(const Incident &incident, EntryKind kind, qint64 timeMs, const QString &sourceKey,
                             const QString &text, const QString &link, const QString &author = {}) {
  TimelineEntry entry;
  entry.incidentId = incident.id;
  entry.id = AutomaticEntryMapper::entryId(incident.id, sourceKey);
  entry.kind = kind;
  entry.eventTimeMs = timeMs;
  entry.author = author.isEmpty() ? QString::fromLatin1(AutomaticEntryMapper::kAuthor) : author;
  entry.text = AutomaticEntryMapper::redacted(text);
  entry.automatic = true;
  entry.link = link;
  entry.sourceKey = sourceKey;
  return entry;
}

QString alertSummary(const AlertValue &alert) {
  QString text = alert.summary.isEmpty() ? alert.sloId : alert.summary;
  text += QStringLiteral(" (%1").arg(alert.page ? QStringLiteral("page") : QStringLiteral("ticket"));
  if (!std::isnan(alert.burnLong) || !std::isnan(alert.burnShort))
    text += QStringLiteral(", burn rate %1 long / %2 short")
                .arg(format::burnRate(alert.burnLong), format::burnRate(alert.burnShort));
  return text + QLatin1Char(')');
}

QString serviceOfSlo(const QString &sloId) {
  return sloId.section(QLatin1Char('/'), 0, 0);
}

// "rolled back" -> "rolled-back": source keys have no spaces.
QString keyPart(QString text) {
  return text.replace(QLatin1Char(' '), QLatin1Char('-'));
}

} // namespace

QString AutomaticEntryMapper::link(const QString &kind, const QString &id) {
  return QStringLiteral("pxp://%1/%2").arg(kind, id);
}

QString AutomaticEntryMapper::entryId(const QString &incidentId, const QString &sourceKey) {
  return QUuid::createUuidV5(kEntryNamespace, incidentId + QLatin1Char('\n') + sourceKey)
      .toString(QUuid::WithoutBraces);
}

QString AutomaticEntryMapper::redacted(QString text) {
  static const QRegularExpression bearer(QStringLiteral("\\bbearer\\s+[A-Za-z0-9._~+/=-]+"),
                                         QRegularExpression::CaseInsensitiveOption);
  static const QRegularExpression keyed(
      QStringLiteral("\\b(token|secret|password|passwd|api[_-]?key)(\\s*[=:]\\s*)[^\\s,;]+"),
      QRegularExpression::CaseInsensitiveOption);
  text.replace(bearer, QStringLiteral("Bearer [redacted]"));
  text.replace(keyed, QStringLiteral("\\1\\2[redacted]"));
  return text;
}

bool AutomaticEntryMapper::concerns(const Incident &incident, const QString &service, const QString &sloId) {
  return (!service.isEmpty() && incident.services.contains(service)) ||
         (!sloId.isEmpty() && incident.sloIds.contains(sloId));
}

bool AutomaticEntryMapper::inWindow(const Incident &incident, qint64 timeMs) {
  return timeMs > 0 && timeMs >= incident.openedAtMs - kLeadInMs &&
         (incident.resolvedAtMs == 0 || timeMs <= incident.resolvedAtMs + kTailMs);
}

Incident AutomaticEntryMapper::incidentFromAlert(const AlertValue &alert, const QString &commander, qint64 nowMs) {
  Incident incident;
  incident.id = newTimelineId();
  incident.title =
      alert.summary.isEmpty() ? QStringLiteral("%1 is burning its error budget").arg(alert.sloId) : alert.summary;
  switch (alert.tier) {
  case AlertTier::Page: incident.severity = 2; break;
  case AlertTier::PageSlow: incident.severity = 3; break;
  case AlertTier::Ticket:
  case AlertTier::TicketSlow: incident.severity = 4; break;
  default: incident.severity = alert.page ? 2 : 3; break;
  }
  incident.commander = commander;
  if (!alert.service.isEmpty())
    incident.services = {alert.service};
  if (!alert.sloId.isEmpty())
    incident.sloIds = {alert.sloId};
  incident.openedAtMs = nowMs;
  incident.sourceAlertId = alert.id;
  return incident;
}

QList<TimelineEntry> AutomaticEntryMapper::fromAlert(const Incident &incident, const AlertValue &alert) {
  const bool source = !alert.id.isEmpty() && alert.id == incident.sourceAlertId; // in the window by definition
  if (alert.id.isEmpty() || !(source || concerns(incident, alert.service, alert.sloId)))
    return {};
  const QString target =
      alert.sloId.isEmpty() ? link(QStringLiteral("alert"), alert.id) : link(QStringLiteral("slo"), alert.sloId);
  QList<TimelineEntry> entries;
  if (alert.firedAtMs > 0 && (source || inWindow(incident, alert.firedAtMs)))
    entries.append(automaticEntry(incident, EntryKind::Alert, alert.firedAtMs,
                                  QStringLiteral("alert:%1:fired").arg(alert.id),
                                  QStringLiteral("Alert fired: %1").arg(alertSummary(alert)), target));
  if (!alert.firing && alert.resolvedAtMs > 0 && inWindow(incident, alert.resolvedAtMs))
    entries.append(automaticEntry(
        incident, EntryKind::Alert, alert.resolvedAtMs, QStringLiteral("alert:%1:resolved").arg(alert.id),
        QStringLiteral("Alert resolved: %1").arg(alert.summary.isEmpty() ? alert.sloId : alert.summary), target));
  return entries;
}

QList<TimelineEntry> AutomaticEntryMapper::fromDecision(const Incident &incident, const DecisionValue &decision) {
  // A decision names its SLO ("service/name") and its target ("checkout", "checkout 1.4.2").
  const bool relevant = concerns(incident, serviceOfSlo(decision.sloId), decision.sloId) ||
                        concerns(incident, decision.target.section(QLatin1Char(' '), 0, 0));
  if (decision.id.isEmpty() || !relevant || !inWindow(incident, decision.timeMs))
    return {};
  QString text = QStringLiteral("Policy %1: %2 %3 → %4")
                     .arg(decision.policyId, decision.action, decision.target, decision.outcome);
  if (!decision.explanation.isEmpty())
    text += QStringLiteral("; ") + decision.explanation;
  if (!decision.error.isEmpty())
    text += QStringLiteral("; error: ") + decision.error;
  return {automaticEntry(
      incident, EntryKind::PolicyDecision, decision.timeMs, QStringLiteral("decision:%1").arg(decision.id), text,
      link(QStringLiteral("decision"), decision.id), QStringLiteral("policy:%1").arg(decision.policyId))};
}

QList<TimelineEntry> AutomaticEntryMapper::fromDeployment(const Incident &incident, const DeploymentValue &deployment) {
  if (deployment.id.isEmpty() || !concerns(incident, deployment.service))
    return {};
  const QString target = link(QStringLiteral("deploy"), deployment.id);
  const QString what = QStringLiteral("%1 %2").arg(deployment.service, deployment.version);
  QList<TimelineEntry> entries;
  if (inWindow(incident, deployment.startedAtMs)) {
    QString text = QStringLiteral("Deploy started: %1").arg(what);
    if (!deployment.previousVersion.isEmpty())
      text += QStringLiteral(" (from %1)").arg(deployment.previousVersion);
    if (!deployment.strategy.isEmpty())
      text += QStringLiteral(", %1").arg(deployment.strategy);
    entries.append(automaticEntry(incident, EntryKind::Deploy, deployment.startedAtMs,
                                  QStringLiteral("deploy:%1:started").arg(deployment.id), text, target,
                                  deployment.author));
  }
  const QString &status = deployment.status;
  if (status == QLatin1String("progressing") || !inWindow(incident, deployment.updatedAtMs))
    return entries;
  QString key = QStringLiteral("deploy:%1:%2").arg(deployment.id, keyPart(status));
  EntryKind kind = EntryKind::Deploy;
  QString text;
  if (status == QLatin1String("rolled back") || status == QLatin1String("aborted")) {
    kind = EntryKind::Rollback;
    text = QStringLiteral("Deploy %1: %2, back on %3")
               .arg(status, what,
                    deployment.previousVersion.isEmpty() ? QStringLiteral("the previous version")
                                                         : deployment.previousVersion);
  } else if (status == QLatin1String("succeeded")) {
    text = QStringLiteral("Deploy promoted: %1 at 100 %").arg(what);
  } else if (status == QLatin1String("paused")) {
    key += QStringLiteral(":%1").arg(deployment.updatedAtMs); // may pause and resume more than once
    text = QStringLiteral("Deploy paused: %1 at %2 %").arg(what).arg(deployment.weightPercent);
  } else {
    text = QStringLiteral("Deploy %1: %2").arg(status, what);
  }
  if (deployment.hasAnalysis && !deployment.analysis.verdict.isEmpty())
    text += QStringLiteral(" (canary analysis: %1; success %2 canary, %3 baseline)")
                .arg(deployment.analysis.verdict, format::percent(deployment.analysis.canarySuccess),
                     format::percent(deployment.analysis.baselineSuccess));
  entries.append(automaticEntry(incident, kind, deployment.updatedAtMs, key, text, target));
  return entries;
}

QList<TimelineEntry> AutomaticEntryMapper::fromFlag(const Incident &incident, const FlagValue &flag) {
  if (flag.key.isEmpty() || !concerns(incident, flag.service) || !inWindow(incident, flag.updatedAtMs))
    return {};
  const QString text = flag.enabled ? QStringLiteral("Flag %1 on, rollout %2 %").arg(flag.key).arg(flag.rolloutPercent)
                                    : QStringLiteral("Flag %1 off").arg(flag.key);
  return {automaticEntry(incident, EntryKind::FlagChange, flag.updatedAtMs,
                         QStringLiteral("flag:%1:%2").arg(flag.key).arg(flag.updatedAtMs), text,
                         link(QStringLiteral("flag"), flag.key), flag.updatedBy)};
}

QList<TimelineEntry> AutomaticEntryMapper::fromAudit(const Incident &incident, const AuditValue &record) {
  const bool denied = record.kind == QLatin1String("auth denied");
  if (!(record.kind == QLatin1String("command") || denied) || !inWindow(incident, record.timeMs))
    return {};
  // A command without a service has a global scope (the kill switch): it concerns every incident.
  if (!record.service.isEmpty() && !concerns(incident, record.service))
    return {};
  QString text = QStringLiteral("%1 %2").arg(record.command, record.target).trimmed();
  if (denied)
    text = QStringLiteral("Denied: %1 (%2)").arg(text, record.result);
  else if (!record.ok)
    text += QStringLiteral(": failed: %1").arg(record.result);
  else if (!record.result.isEmpty())
    text += QStringLiteral(": %1").arg(record.result);
  if (!record.reason.isEmpty())
    text += QStringLiteral("; reason: %1").arg(record.reason);
  return {automaticEntry(incident, EntryKind::Command, record.timeMs, QStringLiteral("audit:%1").arg(record.seq), text,
                         link(QStringLiteral("audit"), QString::number(record.seq)), record.actor)};
}

QList<TimelineEntry> AutomaticEntryMapper::fromDelta(const Incident &incident, const WorldDelta &delta) {
  QList<TimelineEntry> entries;
  for (const AlertValue &alert : delta.alerts)
    entries += fromAlert(incident, alert);
  for (const DecisionValue &decision : delta.decisions)
    entries += fromDecision(incident, decision);
  for (const DeploymentValue &deployment : delta.deployments)
    entries += fromDeployment(incident, deployment);
  for (const FlagValue &flag : delta.flags)
    entries += fromFlag(incident, flag);
  for (const AuditValue &record : delta.audit)
    entries += fromAudit(incident, record);
  return entries;
}

QList<TimelineEntry> AutomaticEntryMapper::fromDelta(const QList<Incident> &incidents, const WorldDelta &delta) {
  QList<TimelineEntry> entries;
  for (const Incident &incident : incidents)
    entries += fromDelta(incident, delta);
  return entries;
}

QList<TimelineEntry> AutomaticEntryMapper::fromSnapshot(const Incident &incident, const WorldSnapshot &snapshot) {
  WorldDelta delta;
  delta.alerts = snapshot.alerts;
  delta.decisions = snapshot.decisions;
  delta.deployments = snapshot.deployments;
  delta.flags = snapshot.flags;
  delta.audit = snapshot.audit;
  return fromDelta(incident, delta);
}

} // namespace pxp::models
