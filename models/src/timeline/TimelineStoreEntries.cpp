// TimelineStore: timeline entries (add, edit, tombstone, automatic, reads).
#include "EntryTable.h"
#include "IncidentTable.h"
#include "TimelineStoreImpl.h"
#include "WriteTransaction.h"

#include "pxp/models/timeline/AutomaticEntryMapper.h"

#include <QSet>

namespace pxp::models {

using timeline::EntryTable;
using timeline::IncidentTable;
using timeline::WriteTransaction;

namespace {

TimelineResult<TimelineOk> validateEntry(const TimelineEntry &entry) {
  if (entry.incidentId.isEmpty())
    return invalidTimelineInput(QStringLiteral("a timeline entry needs the incident it belongs to"));
  if (entry.author.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("a timeline entry needs an author"));
  if (entry.text.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("a timeline entry needs a text"));
  return TimelineOk{};
}

} // namespace

TimelineResult<TimelineOk> TimelineStore::Impl::requireIncidents(const QList<TimelineEntry> &entries) const {
  QSet<QString> checked;
  IncidentTable incidents(*conn);
  for (const TimelineEntry &entry : entries) {
    if (checked.contains(entry.incidentId))
      continue;
    auto found = incidents.exists(entry.incidentId);
    if (!found)
      return found.error();
    if (!found.value())
      return notFound(QStringLiteral("there is no incident %1 to add entries to").arg(entry.incidentId));
    checked.insert(entry.incidentId);
  }
  return TimelineOk{};
}

TimelineResult<TimelineEntry> TimelineStore::addEntry(TimelineEntry entry) {
  if (auto error = d->cannotWrite())
    return *error;
  if (auto r = validateEntry(entry); !r)
    return r.error();
  const qint64 now = d->now();
  if (entry.id.isEmpty())
    entry.id = newTimelineId();
  if (entry.eventTimeMs == 0)
    entry.eventTimeMs = now;
  entry.recordedAtMs = now;
  entry.revision = 1;
  entry.deleted = false;
  auto tx = WriteTransaction::begin(*d->conn);
  if (!tx)
    return tx.error();
  if (auto r = d->requireIncidents({entry}); !r)
    return r.error();
  EntryTable entries(*d->conn);
  auto seq = entries.nextChangeSeq();
  if (!seq)
    return seq.error();
  entry.changeSeq = seq.value();
  auto inserted = entries.insert(entry, EntryTable::OnConflict::Skip);
  if (!inserted)
    return inserted.error();
  if (!inserted.value())
    return TimelineError{TimelineError::Code::Conflict,
                         QStringLiteral("timeline database %1: entry %2 exists already (or one with source key "
                                        "\"%3\"); it was saved before, nothing was added")
                             .arg(d->path, entry.id, entry.sourceKey),
                         d->path};
  if (auto r = tx.value().commit(); !r)
    return r.error();
  return entry;
}

TimelineResult<TimelineEntry>
TimelineStore::Impl::changeEntry(const QString &entryId, const QString &who, int expectedRevision,
                                 const std::function<TimelineResult<bool>(TimelineEntry &)> &change) {
  if (auto error = cannotWrite())
    return *error;
  if (who.trimmed().isEmpty())
    return invalidTimelineInput(QStringLiteral("say who changes the entry (kept in its history)"));
  auto tx = WriteTransaction::begin(*conn);
  if (!tx)
    return tx.error();
  EntryTable entries(*conn);
  auto stored = entries.find(entryId);
  if (!stored)
    return stored.error();
  if (!stored.value())
    return notFound(QStringLiteral("there is no entry %1").arg(entryId));
  const TimelineEntry &before = *stored.value();
  if (expectedRevision > 0 && expectedRevision != before.revision) {
    auto history = entries.revisions(before);
    const QString by = history && !history.value().isEmpty() ? history.value().constLast().who : QString();
    return TimelineError{TimelineError::Code::Conflict,
                         QStringLiteral("entry %1 was changed%2 after you opened it (revision %3, you edited %4); "
                                        "nothing was saved: reload it and make your change again")
                             .arg(entryId, by.isEmpty() ? QString() : QStringLiteral(" by %1").arg(by))
                             .arg(before.revision)
                             .arg(expectedRevision),
                         path};
  }
  TimelineEntry after = before;
  auto changed = change(after);
  if (!changed)
    return changed.error();
  if (!changed.value())
    return before; // nothing to record
  auto seq = entries.nextChangeSeq();
  if (!seq)
    return seq.error();
  after.revision = before.revision + 1;
  after.changeSeq = seq.value();
  if (auto r = entries.update(after); !r)
    return r.error();
  EntryRevision revision{entryId, after.revision, who, now(), before, after};
  if (auto r = entries.insertRevision(revision); !r)
    return r.error();
  if (auto r = tx.value().commit(); !r)
    return r.error();
  return after;
}

TimelineResult<TimelineEntry> TimelineStore::editEntry(const TimelineEntry &edited, const QString &who) {
  return d->changeEntry(edited.id, who, edited.revision, [&](TimelineEntry &entry) -> TimelineResult<bool> {
    if (entry.deleted)
      return invalidTimelineInput(QStringLiteral("entry %1 is deleted; restore it before editing it").arg(entry.id));
    if (edited.text.trimmed().isEmpty())
      return invalidTimelineInput(QStringLiteral("a timeline entry needs a text; delete it instead"));
    const TimelineEntry before = entry;
    entry.kind = edited.kind;
    entry.eventTimeMs = edited.eventTimeMs > 0 ? edited.eventTimeMs : entry.eventTimeMs;
    entry.text = edited.text;
    entry.link = edited.link;
    return !(entry == before);
  });
}

TimelineResult<TimelineEntry> TimelineStore::deleteEntry(const QString &entryId, const QString &who) {
  return d->changeEntry(entryId, who, 0, [](TimelineEntry &entry) -> TimelineResult<bool> {
    return !std::exchange(entry.deleted, true);
  });
}

TimelineResult<TimelineEntry> TimelineStore::restoreEntry(const QString &entryId, const QString &who) {
  return d->changeEntry(entryId, who, 0, [](TimelineEntry &entry) -> TimelineResult<bool> {
    return std::exchange(entry.deleted, false);
  });
}

TimelineResult<AutomaticBatch> TimelineStore::addAutomatic(const TimelineEntry &entry) {
  return addAutomatic(QList<TimelineEntry>{entry});
}

TimelineResult<AutomaticBatch> TimelineStore::addAutomatic(const QList<TimelineEntry> &batch) {
  if (auto error = d->cannotWrite())
    return *error;
  const qint64 now = d->now();
  QList<TimelineEntry> prepared;
  prepared.reserve(batch.size());
  for (TimelineEntry entry : batch) {
    if (entry.author.isEmpty())
      entry.author = QString::fromLatin1(AutomaticEntryMapper::kAuthor);
    if (auto r = validateEntry(entry); !r)
      return r.error();
    if (entry.sourceKey.isEmpty())
      return invalidTimelineInput(QStringLiteral("automatic entry \"%1\" has no source key; without one a "
                                                 "re-delivered event would be recorded twice")
                                      .arg(entry.text.left(60)));
    if (entry.id.isEmpty())
      entry.id = AutomaticEntryMapper::entryId(entry.incidentId, entry.sourceKey);
    if (entry.eventTimeMs == 0)
      entry.eventTimeMs = now;
    entry.automatic = true;
    entry.recordedAtMs = now;
    entry.revision = 1;
    entry.deleted = false;
    prepared.append(std::move(entry));
  }
  AutomaticBatch result;
  if (prepared.isEmpty())
    return result;
  auto tx = WriteTransaction::begin(*d->conn);
  if (!tx)
    return tx.error();
  if (auto r = d->requireIncidents(prepared); !r)
    return r.error();
  EntryTable entries(*d->conn);
  auto seq = entries.nextChangeSeq();
  if (!seq)
    return seq.error();
  for (TimelineEntry &entry : prepared) {
    entry.changeSeq = seq.value();
    auto inserted = entries.insert(entry, EntryTable::OnConflict::Skip);
    if (!inserted)
      return inserted.error();
    if (inserted.value()) {
      ++seq.value();
      result.added.append(entry);
    } else {
      ++result.skipped;
    }
  }
  if (result.added.isEmpty())
    return result; // everything was recorded before: roll back, no fsync
  if (auto r = tx.value().commit(); !r)
    return r.error();
  return result;
}

TimelineResult<TimelineEntry> TimelineStore::entry(const QString &entryId) const {
  if (!d->conn)
    return d->notOpen();
  auto found = EntryTable(*d->conn).find(entryId);
  if (!found)
    return found.error();
  if (!found.value())
    return d->notFound(QStringLiteral("there is no entry %1").arg(entryId));
  return *found.value();
}

TimelineResult<QList<TimelineEntry>> TimelineStore::entries(const QString &incidentId,
                                                            const EntryFilter &filter) const {
  if (!d->conn)
    return d->notOpen();
  return EntryTable(*d->conn).list(incidentId, filter);
}

TimelineResult<QList<SearchHit>> TimelineStore::search(const EntryFilter &filter) const {
  if (!d->conn)
    return d->notOpen();
  return EntryTable(*d->conn).search(filter, filter.limit > 0 ? filter.limit : kDefaultSearchLimit);
}

TimelineResult<QList<EntryRevision>> TimelineStore::history(const QString &entryId) const {
  if (!d->conn)
    return d->notOpen();
  return d->inReadTransaction<QList<EntryRevision>>([&]() -> TimelineResult<QList<EntryRevision>> {
    EntryTable entries(*d->conn);
    auto found = entries.find(entryId);
    if (!found)
      return found.error();
    if (!found.value())
      return d->notFound(QStringLiteral("there is no entry %1").arg(entryId));
    return entries.revisions(*found.value());
  });
}

TimelineResult<EntryChanges> TimelineStore::changesSince(const QString &incidentId, qint64 changeSeq, int limit) const {
  if (!d->conn)
    return d->notOpen();
  return d->inReadTransaction<EntryChanges>(
      [&] { return EntryTable(*d->conn).changesSince(incidentId, changeSeq, qMax(1, limit)); });
}

TimelineResult<EntryChanges> TimelineStore::load(const QString &incidentId) const {
  if (!d->conn)
    return d->notOpen();
  return d->inReadTransaction<EntryChanges>([&]() -> TimelineResult<EntryChanges> {
    EntryTable entries(*d->conn);
    EntryFilter everything;
    everything.includeDeleted = true;
    auto list = entries.list(incidentId, everything);
    if (!list)
      return list.error();
    auto next = entries.nextChangeSeq();
    if (!next)
      return next.error();
    return EntryChanges{std::move(list).value(), next.value() - 1, false};
  });
}

TimelineResult<qint64> TimelineStore::dataVersion() const {
  if (!d->conn)
    return d->notOpen();
  return d->conn->queryInt("PRAGMA data_version");
}

} // namespace pxp::models
