#include "pxp/models/timeline/TimelineValues.h"

#include <QCoreApplication>
#include <QUuid>

#include <array>

namespace pxp::models {
namespace {

struct KindNames {
  const char *name;  // stable: database, JSON, Markdown
  const char *title; // for people
};

// Indexed by EntryKind.
constexpr std::array<KindNames, kEntryKindCount> kKinds{{
    {"note", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Note")},
    {"hypothesis", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Hypothesis")},
    {"decision", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Decision")},
    {"action", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Action")},
    {"customer impact", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Customer impact")},
    {"status change", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Status change")},
    {"role change", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Role change")},
    {"alert", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Alert")},
    {"policy decision", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Policy decision")},
    {"deploy", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Deploy")},
    {"rollback", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Rollback")},
    {"flag change", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Flag change")},
    {"command", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Command")},
}};

constexpr std::array<KindNames, kIncidentStatusCount> kStatuses{{
    {"investigating", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Investigating")},
    {"identified", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Identified")},
    {"monitoring", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Monitoring")},
    {"resolved", QT_TRANSLATE_NOOP("pxp::models::Timeline", "Resolved")},
}};

QString translated(const char *text) {
  return QCoreApplication::translate("pxp::models::Timeline", text);
}

} // namespace

QString statusName(IncidentStatus status) {
  return QString::fromLatin1(kStatuses.at(std::size_t(status)).name);
}

std::optional<IncidentStatus> statusFromName(const QString &name) {
  for (std::size_t i = 0; i < kStatuses.size(); ++i)
    if (name == QLatin1String(kStatuses[i].name))
      return IncidentStatus(i);
  return std::nullopt;
}

QString kindName(EntryKind kind) {
  return QString::fromLatin1(kKinds.at(std::size_t(kind)).name);
}

std::optional<EntryKind> kindFromName(const QString &name) {
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (name == QLatin1String(kKinds[i].name))
      return EntryKind(i);
  return std::nullopt;
}

QString kindTitle(EntryKind kind) {
  return translated(kKinds.at(std::size_t(kind)).title);
}

QString statusTitle(IncidentStatus status) {
  return translated(kStatuses.at(std::size_t(status)).title);
}

QList<EntryKind> annotationKinds() {
  return {EntryKind::Note, EntryKind::Hypothesis, EntryKind::Decision, EntryKind::Action, EntryKind::CustomerImpact};
}

bool isAnnotationKind(EntryKind kind) {
  return kind <= EntryKind::CustomerImpact;
}

QList<EntryKind> allEntryKinds() {
  QList<EntryKind> kinds;
  for (int i = 0; i < kEntryKindCount; ++i)
    kinds.append(EntryKind(i));
  return kinds;
}

QString severityName(int severity) {
  return QStringLiteral("SEV%1").arg(severity);
}

QString newTimelineId() {
  return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

bool operator==(const TimelineEntry &a, const TimelineEntry &b) {
  return a.id == b.id && a.incidentId == b.incidentId && a.kind == b.kind && a.eventTimeMs == b.eventTimeMs &&
         a.recordedAtMs == b.recordedAtMs && a.author == b.author && a.text == b.text && a.automatic == b.automatic &&
         a.link == b.link && a.sourceKey == b.sourceKey && a.deleted == b.deleted && a.revision == b.revision;
}

QStringList EntryRevision::changedFields() const {
  QStringList fields;
  if (before.kind != after.kind)
    fields.append(QStringLiteral("kind"));
  if (before.eventTimeMs != after.eventTimeMs)
    fields.append(QStringLiteral("eventTime"));
  if (before.text != after.text)
    fields.append(QStringLiteral("text"));
  if (before.link != after.link)
    fields.append(QStringLiteral("link"));
  if (before.deleted != after.deleted)
    fields.append(QStringLiteral("deleted"));
  return fields;
}

QString OpenReport::notice() const {
  if (movedAsideTo.isEmpty())
    return {};
  return QCoreApplication::translate("pxp::models::Timeline",
                                     "The incident timeline database %1 could not be read (%2). It was moved to %3 "
                                     "and a fresh database was started; keep the moved file if you need its entries.")
      .arg(path, damage, movedAsideTo);
}

} // namespace pxp::models
