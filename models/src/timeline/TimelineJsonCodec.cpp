#include "TimelineJsonCodec.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <utility>

namespace pxp::models::timeline {
namespace {

const QString kFormat = QStringLiteral("pxp.incident-timeline");
constexpr int kMaxEntries = 1'000'000; // a sanity bound for untrusted input, far above any real incident

QJsonObject incidentJson(const Incident &incident) {
  QJsonObject roles;
  for (auto it = incident.roles.cbegin(); it != incident.roles.cend(); ++it)
    roles.insert(it.key(), it.value());
  return QJsonObject{{QStringLiteral("id"), incident.id},
                     {QStringLiteral("title"), incident.title},
                     {QStringLiteral("severity"), incident.severity},
                     {QStringLiteral("status"), statusName(incident.status)},
                     {QStringLiteral("commander"), incident.commander},
                     {QStringLiteral("roles"), roles},
                     {QStringLiteral("services"), QJsonArray::fromStringList(incident.services)},
                     {QStringLiteral("sloIds"), QJsonArray::fromStringList(incident.sloIds)},
                     {QStringLiteral("openedAtMs"), double(incident.openedAtMs)},
                     {QStringLiteral("resolvedAtMs"), double(incident.resolvedAtMs)},
                     {QStringLiteral("updatedAtMs"), double(incident.updatedAtMs)},
                     {QStringLiteral("sourceAlertId"), incident.sourceAlertId}};
}

QJsonObject editableJson(const TimelineEntry &entry) {
  return QJsonObject{{QStringLiteral("kind"), kindName(entry.kind)},
                     {QStringLiteral("eventTimeMs"), double(entry.eventTimeMs)},
                     {QStringLiteral("text"), entry.text},
                     {QStringLiteral("link"), entry.link},
                     {QStringLiteral("deleted"), entry.deleted}};
}

QJsonObject entryJson(const TimelineEntry &entry, const QList<EntryRevision> &history) {
  QJsonObject json = editableJson(entry);
  json.insert(QStringLiteral("id"), entry.id);
  json.insert(QStringLiteral("recordedAtMs"), double(entry.recordedAtMs));
  json.insert(QStringLiteral("author"), entry.author);
  json.insert(QStringLiteral("automatic"), entry.automatic);
  json.insert(QStringLiteral("sourceKey"), entry.sourceKey);
  json.insert(QStringLiteral("revision"), entry.revision);
  QJsonArray revisions;
  for (const EntryRevision &revision : history)
    revisions.append(QJsonObject{{QStringLiteral("revision"), revision.revision},
                                 {QStringLiteral("who"), revision.who},
                                 {QStringLiteral("whenMs"), double(revision.whenMs)},
                                 {QStringLiteral("before"), editableJson(revision.before)},
                                 {QStringLiteral("after"), editableJson(revision.after)}});
  json.insert(QStringLiteral("history"), revisions);
  return json;
}

// Reads fields of one JSON object, remembering the first problem with a path for the message.
class FieldReader {
public:
  FieldReader(const QJsonObject &object, QString where, QString &problem)
      : m_object(object), m_where(std::move(where)), m_problem(problem) {}

  QString text(const QString &key, bool required = true) {
    const QJsonValue v = m_object.value(key);
    if (v.isString())
      return v.toString();
    if (!(v.isUndefined() || v.isNull()) || required)
      fail(key, QStringLiteral("a string"));
    return {};
  }
  qint64 integer(const QString &key, qint64 min, qint64 max) {
    const QJsonValue v = m_object.value(key);
    const double d = v.toDouble(-1e300);
    // Range first: converting a double outside qint64 (1e23, NaN) is undefined behaviour.
    if (!v.isDouble() || !(d >= double(min) && d <= double(max)) || d != std::floor(d)) {
      fail(key, QStringLiteral("a whole number from %1 to %2").arg(min).arg(max));
      return min;
    }
    return qint64(d);
  }
  bool boolean(const QString &key) {
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
      return false;
    if (!v.isBool())
      fail(key, QStringLiteral("true or false"));
    return v.toBool();
  }
  QStringList strings(const QString &key) {
    QStringList list;
    for (const QJsonValue &v : m_object.value(key).toArray()) {
      if (!v.isString())
        fail(key, QStringLiteral("a list of strings"));
      list.append(v.toString());
    }
    return list;
  }
  QJsonObject object(const QString &key) {
    const QJsonValue v = m_object.value(key);
    if (!v.isObject())
      fail(key, QStringLiteral("an object"));
    return v.toObject();
  }
  void fail(const QString &key, const QString &expected) {
    if (m_problem.isEmpty())
      m_problem = QStringLiteral("%1.%2 must be %3").arg(m_where, key, expected);
  }

private:
  const QJsonObject &m_object;
  QString m_where;
  QString &m_problem;
};

constexpr qint64 kMaxTimeMs = 253402300799999; // 9999-12-31: any real time, and no overflow

void readEditable(FieldReader &r, TimelineEntry &entry) {
  const QString kind = r.text(QStringLiteral("kind"));
  if (const auto parsed = kindFromName(kind))
    entry.kind = *parsed;
  else
    r.fail(QStringLiteral("kind"), QStringLiteral("one of the entry kinds (\"note\", \"decision\" ...)"));
  entry.eventTimeMs = r.integer(QStringLiteral("eventTimeMs"), 0, kMaxTimeMs);
  entry.text = r.text(QStringLiteral("text"));
  entry.link = r.text(QStringLiteral("link"), false);
  entry.deleted = r.boolean(QStringLiteral("deleted"));
}

Incident readIncident(const QJsonObject &json, QString &problem) {
  FieldReader r(json, QStringLiteral("incident"), problem);
  Incident incident;
  incident.id = r.text(QStringLiteral("id"));
  if (incident.id.isEmpty())
    r.fail(QStringLiteral("id"), QStringLiteral("a non-empty id"));
  incident.title = r.text(QStringLiteral("title"));
  incident.severity = int(r.integer(QStringLiteral("severity"), Incident::kMostSevere, Incident::kLeastSevere));
  if (const auto status = statusFromName(r.text(QStringLiteral("status"))))
    incident.status = *status;
  else
    r.fail(QStringLiteral("status"), QStringLiteral("investigating, identified, monitoring or resolved"));
  incident.commander = r.text(QStringLiteral("commander"), false);
  const QJsonObject roles = json.value(QStringLiteral("roles")).toObject();
  for (auto it = roles.begin(); it != roles.end(); ++it)
    incident.roles.insert(it.key(), it.value().toString());
  incident.services = r.strings(QStringLiteral("services"));
  incident.sloIds = r.strings(QStringLiteral("sloIds"));
  incident.openedAtMs = r.integer(QStringLiteral("openedAtMs"), 0, kMaxTimeMs);
  incident.resolvedAtMs = r.integer(QStringLiteral("resolvedAtMs"), 0, kMaxTimeMs);
  incident.updatedAtMs = r.integer(QStringLiteral("updatedAtMs"), 0, kMaxTimeMs);
  incident.sourceAlertId = r.text(QStringLiteral("sourceAlertId"), false);
  return incident;
}

TimelineEntry readEntry(const QJsonObject &json, const QString &incidentId, int index, QList<EntryRevision> &revisions,
                        QString &problem) {
  FieldReader r(json, QStringLiteral("entries[%1]").arg(index), problem);
  TimelineEntry entry;
  entry.id = r.text(QStringLiteral("id"));
  if (entry.id.isEmpty())
    r.fail(QStringLiteral("id"), QStringLiteral("a non-empty id"));
  entry.incidentId = incidentId;
  readEditable(r, entry);
  entry.recordedAtMs = r.integer(QStringLiteral("recordedAtMs"), 0, kMaxTimeMs);
  entry.author = r.text(QStringLiteral("author"));
  entry.automatic = r.boolean(QStringLiteral("automatic"));
  entry.sourceKey = r.text(QStringLiteral("sourceKey"), false);
  entry.revision = int(r.integer(QStringLiteral("revision"), 1, 1'000'000));
  const QJsonArray history = json.value(QStringLiteral("history")).toArray();
  for (int i = 0; i < history.size(); ++i) {
    const QJsonObject h = history.at(i).toObject();
    FieldReader hr(h, QStringLiteral("entries[%1].history[%2]").arg(index).arg(i), problem);
    EntryRevision revision;
    revision.entryId = entry.id;
    revision.revision = int(hr.integer(QStringLiteral("revision"), 2, 1'000'000));
    revision.who = hr.text(QStringLiteral("who"));
    revision.whenMs = hr.integer(QStringLiteral("whenMs"), 0, kMaxTimeMs);
    revision.before = entry;
    revision.after = entry;
    FieldReader before(hr.object(QStringLiteral("before")),
                       QStringLiteral("entries[%1].history[%2].before").arg(index).arg(i), problem);
    readEditable(before, revision.before);
    FieldReader after(hr.object(QStringLiteral("after")),
                      QStringLiteral("entries[%1].history[%2].after").arg(index).arg(i), problem);
    readEditable(after, revision.after);
    revision.before.revision = revision.revision - 1;
    revision.after.revision = revision.revision;
    revisions.append(revision);
  }
  return entry;
}

TimelineError invalid(const QString &source, const QString &what) {
  return TimelineError{TimelineError::Code::InvalidInput,
                       QStringLiteral("%1 is not a pxp incident timeline export: %2; nothing was imported; "
                                      "ask for a fresh export (File > Export incident > JSON)")
                           .arg(source, what),
                       {}};
}

} // namespace

QByteArray TimelineJsonCodec::encode(const Document &document, qint64 exportedAtMs) {
  QHash<QString, QList<EntryRevision>> historyByEntry;
  for (const EntryRevision &revision : document.revisions)
    historyByEntry[revision.entryId].append(revision);
  QJsonArray entries;
  for (const TimelineEntry &entry : document.entries)
    entries.append(entryJson(entry, historyByEntry.value(entry.id)));
  const QJsonObject root{{QStringLiteral("format"), kFormat},
                         {QStringLiteral("formatVersion"), kFormatVersion},
                         {QStringLiteral("exportedAtMs"), double(exportedAtMs)},
                         {QStringLiteral("incident"), incidentJson(document.incident)},
                         {QStringLiteral("entries"), entries}};
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

TimelineResult<TimelineJsonCodec::Document> TimelineJsonCodec::decode(const QByteArray &json, const QString &source) {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
  if (parseError.error != QJsonParseError::NoError)
    return invalid(source, QStringLiteral("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
  const QJsonObject root = doc.object();
  if (root.value(QStringLiteral("format")).toString() != kFormat)
    return invalid(source, QStringLiteral("\"format\" is not \"%1\"").arg(kFormat));
  if (const int version = root.value(QStringLiteral("formatVersion")).toInt(); version != kFormatVersion)
    return invalid(source, QStringLiteral("format version %1 is not supported (this pxp-console reads version %2)")
                               .arg(version)
                               .arg(kFormatVersion));
  QString problem;
  Document document;
  document.incident = readIncident(root.value(QStringLiteral("incident")).toObject(), problem);
  const QJsonArray entries = root.value(QStringLiteral("entries")).toArray();
  if (entries.size() > kMaxEntries)
    return invalid(source, QStringLiteral("it holds more than %1 entries").arg(kMaxEntries));
  QSet<QString> ids;
  for (int i = 0; i < entries.size() && problem.isEmpty(); ++i) {
    TimelineEntry entry = readEntry(entries.at(i).toObject(), document.incident.id, i, document.revisions, problem);
    if (problem.isEmpty() && ids.contains(entry.id))
      problem = QStringLiteral("entries[%1].id %2 appears twice").arg(i).arg(entry.id);
    ids.insert(entry.id);
    document.entries.append(std::move(entry));
  }
  if (!problem.isEmpty())
    return invalid(source, problem);
  return document;
}

QByteArray TimelineJsonCodec::snapshot(const TimelineEntry &entry) {
  return QJsonDocument(editableJson(entry)).toJson(QJsonDocument::Compact);
}

TimelineEntry TimelineJsonCodec::applySnapshot(TimelineEntry base, const QByteArray &snapshot) {
  QString problem;
  const QJsonObject json = QJsonDocument::fromJson(snapshot).object();
  TimelineEntry applied = base;
  FieldReader r(json, QStringLiteral("snapshot"), problem);
  readEditable(r, applied);
  return problem.isEmpty() ? applied : base;
}

QByteArray TimelineJsonCodec::stringList(const QStringList &list) {
  return QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact);
}

QStringList TimelineJsonCodec::parseStringList(const QByteArray &json) {
  QStringList list;
  for (const QJsonValue &v : QJsonDocument::fromJson(json).array())
    list.append(v.toString());
  return list;
}

QByteArray TimelineJsonCodec::stringMap(const QMap<QString, QString> &map) {
  QJsonObject object;
  for (auto it = map.cbegin(); it != map.cend(); ++it)
    object.insert(it.key(), it.value());
  return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QMap<QString, QString> TimelineJsonCodec::parseStringMap(const QByteArray &json) {
  QMap<QString, QString> map;
  const QJsonObject object = QJsonDocument::fromJson(json).object();
  for (auto it = object.begin(); it != object.end(); ++it)
    map.insert(it.key(), it.value().toString());
  return map;
}

} // namespace pxp::models::timeline
