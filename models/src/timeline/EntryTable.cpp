#include "EntryTable.h"

#include "TimelineJsonCodec.h"

#include <QHash>

#include <sqlite3.h>

#include <array>
#include <cstring>

namespace pxp::models::timeline {
namespace {

#define PXP_ENTRY_COLUMNS                                                                                              \
  "e.id, e.incident_id, e.kind, e.event_time_ms, e.recorded_at_ms, e.author, e.text, e.automatic, e.link, "            \
  "e.source_key, e.deleted, e.revision, e.change_seq"
constexpr int kEntryColumnCount = 13;

// A timeline of 100,000 entries is read in one go: compare the kind's bytes, not QStrings.
EntryKind kindFromUtf8(const char *name) {
  static const std::array<QByteArray, kEntryKindCount> names = [] {
    std::array<QByteArray, kEntryKindCount> n;
    for (int i = 0; i < kEntryKindCount; ++i)
      n[std::size_t(i)] = kindName(EntryKind(i)).toUtf8();
    return n;
  }();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (std::strcmp(names[i].constData(), name) == 0)
      return EntryKind(i);
  return EntryKind::Note; // only an edited file can hold an unknown kind; show it as a note
}

// The last few distinct values of a column, shared instead of decoded again: one incident's
// 100,000 rows carry one incident id and a handful of authors. Sharing saves an allocation per
// row here and a cache miss per row wherever the model compares them.
class RecentStrings {
public:
  QString get(const SqliteStatement &row, int column) {
    const char *data = row.utf8(column);
    const int size = row.bytes(column);
    for (const Slot &slot : m_slots)
      if (slot.utf8.size() == size && std::memcmp(slot.utf8.constData(), data, std::size_t(size)) == 0)
        return slot.text;
    Slot &slot = m_slots[m_next++ % m_slots.size()];
    slot.utf8 = QByteArray(data, size);
    slot.text = QString::fromUtf8(slot.utf8);
    return slot.text;
  }

private:
  struct Slot {
    QByteArray utf8;
    QString text;
  };
  std::array<Slot, 8> m_slots;
  std::size_t m_next = 0;
};

struct EntryReader {
  RecentStrings incidentIds, authors;

  TimelineEntry read(const SqliteStatement &row);
};

TimelineEntry EntryReader::read(const SqliteStatement &row) {
  TimelineEntry entry;
  entry.id = row.text(0);
  entry.incidentId = incidentIds.get(row, 1);
  entry.kind = kindFromUtf8(row.utf8(2));
  entry.eventTimeMs = row.int64(3);
  entry.recordedAtMs = row.int64(4);
  entry.author = authors.get(row, 5);
  entry.text = row.text(6);
  entry.automatic = row.int64(7) != 0;
  entry.link = row.text(8);
  entry.sourceKey = row.text(9);
  entry.deleted = row.int64(10) != 0;
  entry.revision = int(row.int64(11));
  entry.changeSeq = row.int64(12);
  return entry;
}

QString likePattern(const QString &text) {
  QString escaped = text;
  escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
      .replace(QLatin1Char('%'), QLatin1String("\\%"))
      .replace(QLatin1Char('_'), QLatin1String("\\_"));
  return QLatin1Char('%') + escaped + QLatin1Char('%');
}

// The WHERE conditions of a filter; parameters ?10 (author) and ?11 (text) are bound by bindFilter.
QByteArray filterSql(const EntryFilter &filter) {
  QByteArray sql;
  if (!filter.includeDeleted)
    sql += " AND e.deleted = 0";
  if (!filter.kinds.isEmpty()) {
    QByteArrayList names; // our own fixed names, safe as literals
    for (EntryKind kind : filter.kinds)
      names.append('\'' + kindName(kind).toUtf8() + '\'');
    sql += " AND e.kind IN (" + names.join(',') + ')';
  }
  if (!filter.author.isEmpty())
    sql += " AND e.author = ?10 COLLATE NOCASE";
  if (!filter.text.isEmpty())
    sql += " AND e.text LIKE ?11 ESCAPE '\\'";
  return sql;
}

void bindFilter(SqliteStatement &stmt, const EntryFilter &filter) {
  if (!filter.author.isEmpty())
    stmt.bindText(10, filter.author);
  if (!filter.text.isEmpty())
    stmt.bindText(11, likePattern(filter.text));
}

// One row of (entry_id, revision, who, when_ms, before_json, after_json); `entry` (the current
// state) fills in what the snapshots do not hold.
EntryRevision readRevision(const SqliteStatement &row, const TimelineEntry &entry) {
  EntryRevision revision;
  revision.entryId = entry.id;
  revision.revision = int(row.int64(1));
  revision.who = row.text(2);
  revision.whenMs = row.int64(3);
  TimelineEntry base = entry;
  base.changeSeq = 0;
  revision.before = TimelineJsonCodec::applySnapshot(base, row.text(4).toUtf8());
  revision.after = TimelineJsonCodec::applySnapshot(base, row.text(5).toUtf8());
  revision.before.revision = revision.revision - 1;
  revision.after.revision = revision.revision;
  return revision;
}

} // namespace

TimelineResult<std::optional<TimelineEntry>> EntryTable::find(const QString &id) const {
  auto stmt = m_conn.prepare("SELECT " PXP_ENTRY_COLUMNS " FROM entries e WHERE e.id = ?1");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, id);
  const int rc = stmt.value().step();
  if (rc == SQLITE_DONE)
    return std::optional<TimelineEntry>();
  if (rc != SQLITE_ROW)
    return m_conn.error(QStringLiteral("cannot read entry %1").arg(id), rc);
  return std::optional<TimelineEntry>(EntryReader().read(stmt.value()));
}

TimelineResult<QList<TimelineEntry>> EntryTable::list(const QString &incidentId, const EntryFilter &filter) const {
  const QByteArray sql = "SELECT " PXP_ENTRY_COLUMNS " FROM entries e WHERE e.incident_id = ?1" + filterSql(filter) +
                         " ORDER BY e.event_time_ms, e.recorded_at_ms, e.id LIMIT ?2";
  auto stmt = m_conn.prepare(sql.constData());
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, incidentId).bind(2, filter.limit > 0 ? filter.limit : -1);
  bindFilter(stmt.value(), filter);
  QList<TimelineEntry> entries;
  EntryReader reader;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW)
    entries.append(reader.read(stmt.value()));
  if (rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot read the entries of incident %1").arg(incidentId), rc);
  return entries;
}

TimelineResult<QList<SearchHit>> EntryTable::search(const EntryFilter &filter, int limit) const {
  const QByteArray sql = "SELECT " PXP_ENTRY_COLUMNS
                         ", i.title FROM entries e JOIN incidents i ON i.id = e.incident_id "
                         "WHERE 1" +
                         filterSql(filter) + " ORDER BY e.event_time_ms DESC, e.id LIMIT ?2";
  auto stmt = m_conn.prepare(sql.constData());
  if (!stmt)
    return stmt.error();
  stmt.value().bind(2, limit);
  bindFilter(stmt.value(), filter);
  QList<SearchHit> hits;
  EntryReader reader;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW)
    hits.append(SearchHit{reader.read(stmt.value()), stmt.value().text(kEntryColumnCount)});
  if (rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot search the timelines"), rc);
  return hits;
}

TimelineResult<EntryChanges> EntryTable::changesSince(const QString &incidentId, qint64 changeSeq, int limit) const {
  EntryChanges changes;
  {
    auto stmt = m_conn.prepare("SELECT " PXP_ENTRY_COLUMNS " FROM entries e WHERE e.change_seq > ?1 "
                               "AND e.incident_id = ?2 ORDER BY e.change_seq LIMIT ?3");
    if (!stmt)
      return stmt.error();
    stmt.value().bind(1, changeSeq).bindText(2, incidentId).bind(3, limit);
    EntryReader reader;
    int rc = 0;
    while ((rc = stmt.value().step()) == SQLITE_ROW)
      changes.entries.append(reader.read(stmt.value()));
    if (rc != SQLITE_DONE)
      return m_conn.error(QStringLiteral("cannot read the changes of incident %1").arg(incidentId), rc);
  }
  changes.more = changes.entries.size() >= limit;
  if (changes.more) {
    changes.lastChangeSeq = changes.entries.constLast().changeSeq;
    return changes;
  }
  auto latest = m_conn.queryInt("SELECT IFNULL(MAX(change_seq), 0) FROM entries");
  if (!latest)
    return latest.error();
  changes.lastChangeSeq = qMax(changeSeq, latest.value());
  return changes;
}

TimelineResult<int> EntryTable::countDeleted(const QString &incidentId) const {
  auto stmt = m_conn.prepare("SELECT COUNT(*) FROM entries WHERE incident_id = ?1 AND deleted = 1");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, incidentId);
  if (const int rc = stmt.value().step(); rc != SQLITE_ROW)
    return m_conn.error(QStringLiteral("cannot count the deleted entries of incident %1").arg(incidentId), rc);
  return int(stmt.value().int64(0));
}

TimelineResult<qint64> EntryTable::nextChangeSeq() const {
  auto latest = m_conn.queryInt("SELECT IFNULL(MAX(change_seq), 0) FROM entries");
  if (!latest)
    return latest.error();
  return latest.value() + 1;
}

TimelineResult<bool> EntryTable::insert(const TimelineEntry &entry, OnConflict onConflict) const {
  // ON CONFLICT DO NOTHING skips uniqueness conflicts only (id, or incident + source key);
  // unlike INSERT OR IGNORE it still fails on NOT NULL, CHECK and foreign-key violations.
  static constexpr const char *kInsert =
      "INSERT INTO entries (id, incident_id, kind, event_time_ms, recorded_at_ms, author, text, automatic, link, "
      "source_key, deleted, revision, change_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
  static constexpr const char *kInsertOrSkip =
      "INSERT INTO entries (id, incident_id, kind, event_time_ms, recorded_at_ms, author, text, automatic, link, "
      "source_key, deleted, revision, change_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
      "ON CONFLICT DO NOTHING";
  auto stmt = m_conn.prepare(onConflict == OnConflict::Skip ? kInsertOrSkip : kInsert);
  if (!stmt)
    return stmt.error();
  stmt.value()
      .bindText(1, entry.id)
      .bindText(2, entry.incidentId)
      .bindText(3, kindName(entry.kind))
      .bind(4, entry.eventTimeMs)
      .bind(5, entry.recordedAtMs)
      .bindText(6, entry.author)
      .bindText(7, entry.text)
      .bind(8, entry.automatic ? 1 : 0)
      .bindText(9, entry.link)
      .bindTextOrNull(10, entry.sourceKey)
      .bind(11, entry.deleted ? 1 : 0)
      .bind(12, entry.revision)
      .bind(13, entry.changeSeq);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot store entry %1").arg(entry.id), rc);
  return m_conn.changes() == 1;
}

TimelineResult<TimelineOk> EntryTable::update(const TimelineEntry &entry) const {
  auto stmt = m_conn.prepare("UPDATE entries SET kind = ?2, event_time_ms = ?3, author = ?4, text = ?5, link = ?6, "
                             "deleted = ?7, revision = ?8, change_seq = ?9 WHERE id = ?1");
  if (!stmt)
    return stmt.error();
  stmt.value()
      .bindText(1, entry.id)
      .bindText(2, kindName(entry.kind))
      .bind(3, entry.eventTimeMs)
      .bindText(4, entry.author)
      .bindText(5, entry.text)
      .bindText(6, entry.link)
      .bind(7, entry.deleted ? 1 : 0)
      .bind(8, entry.revision)
      .bind(9, entry.changeSeq);
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot update entry %1").arg(entry.id), rc);
  return TimelineOk{};
}

TimelineResult<bool> EntryTable::insertRevision(const EntryRevision &revision) const {
  auto stmt = m_conn.prepare("INSERT INTO entry_revisions (entry_id, revision, who, when_ms, before_json, after_json) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING");
  if (!stmt)
    return stmt.error();
  stmt.value()
      .bindText(1, revision.entryId)
      .bind(2, revision.revision)
      .bindText(3, revision.who)
      .bind(4, revision.whenMs)
      .bindText(5, QString::fromUtf8(TimelineJsonCodec::snapshot(revision.before)))
      .bindText(6, QString::fromUtf8(TimelineJsonCodec::snapshot(revision.after)));
  if (const int rc = stmt.value().step(); rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot store the history of entry %1").arg(revision.entryId), rc);
  return m_conn.changes() == 1;
}

TimelineResult<QList<EntryRevision>> EntryTable::revisions(const TimelineEntry &entry) const {
  auto stmt = m_conn.prepare("SELECT entry_id, revision, who, when_ms, before_json, after_json FROM entry_revisions "
                             "WHERE entry_id = ?1 ORDER BY revision");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, entry.id);
  QList<EntryRevision> history;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW)
    history.append(readRevision(stmt.value(), entry));
  if (rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot read the history of entry %1").arg(entry.id), rc);
  return history;
}

TimelineResult<QList<EntryRevision>> EntryTable::revisionsOfIncident(const QString &incidentId,
                                                                     const QList<TimelineEntry> &entries) const {
  QHash<QString, const TimelineEntry *> byId;
  for (const TimelineEntry &entry : entries)
    byId.insert(entry.id, &entry);
  auto stmt = m_conn.prepare("SELECT r.entry_id, r.revision, r.who, r.when_ms, r.before_json, r.after_json "
                             "FROM entry_revisions r JOIN entries e ON e.id = r.entry_id "
                             "WHERE e.incident_id = ?1 ORDER BY r.entry_id, r.revision");
  if (!stmt)
    return stmt.error();
  stmt.value().bindText(1, incidentId);
  QList<EntryRevision> history;
  int rc = 0;
  while ((rc = stmt.value().step()) == SQLITE_ROW)
    if (const TimelineEntry *entry = byId.value(stmt.value().text(0)))
      history.append(readRevision(stmt.value(), *entry));
  if (rc != SQLITE_DONE)
    return m_conn.error(QStringLiteral("cannot read the history of incident %1").arg(incidentId), rc);
  return history;
}

#undef PXP_ENTRY_COLUMNS

} // namespace pxp::models::timeline
