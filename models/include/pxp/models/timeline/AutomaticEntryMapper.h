#pragma once
// AutomaticEntryMapper: turns live-stream values (alerts, policy decisions, deployments, flag
// changes, audited commands) into automatic timeline entries for one incident, when they
// concern its services or SLOs and fall in its window. Source keys and ids are derived from
// the event, so a re-delivered or replayed event, or one recorded by another console, maps
// to the same entry and the store skips it. Never copies credentials: bearer tokens and
// token=/password= values in free text are redacted.
// Pure functions; thread affinity: none.

#include "pxp/client/Values.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QList>

namespace pxp::models {

class AutomaticEntryMapper {
public:
  // How far before the incident was opened events still belong to it (the alert that made
  // someone open it fired earlier), and how long after resolving.
  static constexpr qint64 kLeadInMs = 30 * 60 * 1000;
  static constexpr qint64 kTailMs = 10 * 60 * 1000;
  static constexpr const char *kAuthor = "pxp"; // author of stream entries without an actor

  // An incident opened from an alert: title from its summary, severity from its tier (page
  // SEV2, slow page SEV3, ticket SEV4; SEV1 is for people to declare), its service and SLO.
  static Incident incidentFromAlert(const client::AlertValue &alert, const QString &commander, qint64 nowMs);

  // Alert fired (and resolved, once it is): "alert:<id>:fired", "alert:<id>:resolved".
  static QList<TimelineEntry> fromAlert(const Incident &incident, const client::AlertValue &alert);
  // A policy decision: "decision:<id>", author "policy:<policyId>".
  static QList<TimelineEntry> fromDecision(const Incident &incident, const client::DecisionValue &decision);
  // Deploy started, paused, promoted (succeeded), failed; rolled back and aborted as Rollback:
  // "deploy:<id>:started", "deploy:<id>:rolled back", "deploy:<id>:paused:<updatedAtMs>" ...
  static QList<TimelineEntry> fromDeployment(const Incident &incident, const client::DeploymentValue &deployment);
  // A flag's new state: "flag:<key>:<updatedAtMs>", author the one who changed it.
  static QList<TimelineEntry> fromFlag(const Incident &incident, const client::FlagValue &flag);
  // A command (from this console or another, or pxpctl) or a denied one: "audit:<seq>",
  // author the actor, with the reason and the result. Decisions in the audit log come as
  // fromDecision(); config records are not incident events.
  static QList<TimelineEntry> fromAudit(const Incident &incident, const client::AuditValue &record);
  // Everything in a Watch-stream delta that concerns the incident.
  static QList<TimelineEntry> fromDelta(const Incident &incident, const client::WorldDelta &delta);
  static QList<TimelineEntry> fromSnapshot(const Incident &incident, const client::WorldSnapshot &snapshot);
  // For every incident (e.g. IncidentListModel::incidents()): what a console hands to
  // TimelineWriter::addAutomatic for each Watch-stream delta. Resolved incidents stop taking
  // entries kTailMs after they were resolved (by event time).
  static QList<TimelineEntry> fromDelta(const QList<Incident> &incidents, const client::WorldDelta &delta);

  // "pxp://slo/payments/checkout-availability", "pxp://deploy/<id>", "pxp://flag/<key>",
  // "pxp://decision/<id>", "pxp://audit/<seq>", "pxp://alert/<id>".
  static QString link(const QString &kind, const QString &id);
  // The id an automatic entry gets: a UUID (v5) of incident and source key.
  static QString entryId(const QString &incidentId, const QString &sourceKey);
  // `text` with bearer tokens and token=/secret=/password= values replaced by "[redacted]".
  static QString redacted(QString text);

  // True when `service` or `sloId` is one of the incident's.
  static bool concerns(const Incident &incident, const QString &service, const QString &sloId = {});
  // True when `timeMs` falls between opened - kLeadInMs and resolved + kTailMs.
  static bool inWindow(const Incident &incident, qint64 timeMs);
};

} // namespace pxp::models
