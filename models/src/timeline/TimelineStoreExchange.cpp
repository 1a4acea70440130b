// TimelineStore: export (Markdown, JSON) and import (JSON) of one incident.
#include "EntryTable.h"
#include "IncidentTable.h"
#include "MarkdownExporter.h"
#include "TimelineJsonCodec.h"
#include "TimelineStoreImpl.h"
#include "WriteTransaction.h"

#include <QSet>

namespace pxp::models {

using timeline::EntryTable;
using timeline::IncidentTable;
using timeline::TimelineJsonCodec;
using timeline::WriteTransaction;

namespace {

struct Counts {
  ImportCounts counts;
  QSet<QString> presentIds; // entries stored under their exported id: their history may follow
};

TimelineResult<TimelineOk> importIncident(const IncidentTable &incidents, const Incident &imported,
                                          ImportCounts &counts) {
  auto local = incidents.find(imported.id);
  if (!local)
    return local.error();
  if (!local.value()) {
    counts.incidentAdded = true;
    return incidents.insert(imported);
  }
  if (imported.updatedAtMs <= local.value()->updatedAtMs)
    return TimelineOk{}; // ours is as new or newer
  counts.incidentUpdated = true;
  return incidents.update(imported);
}

TimelineResult<TimelineOk> importEntries(const EntryTable &entries, const QList<TimelineEntry> &imported, Counts &c) {
  auto seq = entries.nextChangeSeq();
  if (!seq)
    return seq.error();
  for (TimelineEntry entry : imported) {
    auto local = entries.find(entry.id);
    if (!local)
      return local.error();
    entry.changeSeq = seq.value();
    if (local.value()) {
      // The same entry; the higher revision is the later edit. An id already used by another
      // incident's entry (a copied file, not a real export) is left alone.
      if (local.value()->incidentId == entry.incidentId)
        c.presentIds.insert(entry.id);
      if (local.value()->incidentId != entry.incidentId || entry.revision <= local.value()->revision) {
        ++c.counts.entriesSkipped;
        continue;
      }
      if (auto r = entries.update(entry); !r)
        return r.error();
      ++c.counts.entriesUpdated;
      ++seq.value();
      continue;
    }
    auto inserted = entries.insert(entry, EntryTable::OnConflict::Skip);
    if (!inserted)
      return inserted.error();
    if (!inserted.value()) {
      ++c.counts.entriesSkipped; // an automatic entry this console recorded too, under its own id
      continue;
    }
    c.presentIds.insert(entry.id);
    ++c.counts.entriesAdded;
    ++seq.value();
  }
  return TimelineOk{};
}

} // namespace

TimelineResult<QString> TimelineStore::exportMarkdown(const QString &incidentId,
                                                      const QMap<QString, double> &budgetConsumedBySlo,
                                                      const QString &dataNote) const {
  if (!d->conn)
    return d->notOpen();
  return d->inReadTransaction<QString>([&]() -> TimelineResult<QString> {
    auto found = IncidentTable(*d->conn).find(incidentId);
    if (!found)
      return found.error();
    if (!found.value())
      return d->notFound(QStringLiteral("there is no incident %1 to export").arg(incidentId));
    EntryTable entries(*d->conn);
    auto list = entries.list(incidentId, EntryFilter{});
    if (!list)
      return list.error();
    auto deleted = entries.countDeleted(incidentId);
    if (!deleted)
      return deleted.error();
    return timeline::MarkdownExporter::render(*found.value(), list.value(), budgetConsumedBySlo, deleted.value(),
                                              d->now(), dataNote);
  });
}

TimelineResult<QByteArray> TimelineStore::exportJson(const QString &incidentId) const {
  if (!d->conn)
    return d->notOpen();
  return d->inReadTransaction<QByteArray>([&]() -> TimelineResult<QByteArray> {
    auto found = IncidentTable(*d->conn).find(incidentId);
    if (!found)
      return found.error();
    if (!found.value())
      return d->notFound(QStringLiteral("there is no incident %1 to export").arg(incidentId));
    EntryTable entries(*d->conn);
    EntryFilter everything;
    everything.includeDeleted = true;
    auto list = entries.list(incidentId, everything);
    if (!list)
      return list.error();
    auto history = entries.revisionsOfIncident(incidentId, list.value());
    if (!history)
      return history.error();
    return TimelineJsonCodec::encode({*found.value(), list.value(), history.value()}, d->now());
  });
}

TimelineResult<ImportCounts> TimelineStore::importJson(const QByteArray &json) {
  if (auto error = d->cannotWrite())
    return *error;
  auto decoded = TimelineJsonCodec::decode(json, QStringLiteral("the imported file"));
  if (!decoded)
    return decoded.error();
  const TimelineJsonCodec::Document &document = decoded.value();
  if (document.incident.title.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("the imported file's incident has no title; nothing was imported"));
  auto tx = WriteTransaction::begin(*d->conn);
  if (!tx)
    return tx.error();
  Counts c;
  c.counts.incidentId = document.incident.id;
  if (auto r = importIncident(IncidentTable(*d->conn), document.incident, c.counts); !r)
    return r.error();
  EntryTable entries(*d->conn);
  if (auto r = importEntries(entries, document.entries, c); !r)
    return r.error();
  for (const EntryRevision &revision : document.revisions) {
    if (!c.presentIds.contains(revision.entryId))
      continue;
    auto inserted = entries.insertRevision(revision);
    if (!inserted)
      return inserted.error();
    c.counts.revisionsAdded += inserted.value() ? 1 : 0;
  }
  if (auto r = tx.value().commit(); !r)
    return r.error();
  return c.counts;
}

} // namespace pxp::models
