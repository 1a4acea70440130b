#pragma once
// TimelineJsonCodec: incidents, entries and revisions to and from JSON, for the export file
// ("pxp.incident-timeline", format version 1) and for the before/after snapshots in the
// edit history. Parsing treats the input as untrusted: every field is checked, and an error
// names the entry and the field. Pure functions; thread affinity: none.

#include "pxp/models/timeline/TimelineError.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace pxp::models::timeline {

class TimelineJsonCodec {
public:
  static constexpr int kFormatVersion = 1;

  struct Document {
    Incident incident;
    QList<TimelineEntry> entries;   // incidentId set to the incident's
    QList<EntryRevision> revisions; // before/after complete entries
  };

  static QByteArray encode(const Document &document, qint64 exportedAtMs);
  // `source` names the input in error messages ("the imported file").
  static TimelineResult<Document> decode(const QByteArray &json, const QString &source);

  // The editable fields of an entry, as kept in entry_revisions.
  static QByteArray snapshot(const TimelineEntry &entry);
  // `base` with the fields of a snapshot applied; `base` itself when the snapshot is unreadable.
  static TimelineEntry applySnapshot(TimelineEntry base, const QByteArray &snapshot);

  static QByteArray stringList(const QStringList &list);
  static QStringList parseStringList(const QByteArray &json);
  static QByteArray stringMap(const QMap<QString, QString> &map);
  static QMap<QString, QString> parseStringMap(const QByteArray &json);
};

} // namespace pxp::models::timeline
