#include "pxp/models/timeline/TimelineModel.h"

#include "EntryOrder.h"
#include "SortedRows.h"

#include "pxp/models/Format.h"
#include "pxp/models/timeline/TimelineStore.h"
#include "pxp/models/timeline/TimelineWriter.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <array>

namespace pxp::models {

struct TimelineModel::Rows : timeline::SortedRows<TimelineEntry, timeline::EntryOrder> {};

struct TimelineModel::Notify {
  TimelineModel *model;
  void beginInsert(int first, int last) { model->beginInsertRows(QModelIndex(), first, last); }
  void endInsert() { model->endInsertRows(); }
  void beginRemove(int first, int last) { model->beginRemoveRows(QModelIndex(), first, last); }
  void endRemove() { model->endRemoveRows(); }
  void beginMove(int row, int destination) {
    model->beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination);
  }
  void endMove() { model->endMoveRows(); }
  void changed(int row) {
    emit model->dataChanged(model->index(row, 0), model->index(row, TimelineModel::ColumnCount - 1));
  }
};

namespace {

QVariant checkText(bool on) {
  return on ? QStringLiteral("✓") : QString();
}

} // namespace

TimelineModel::TimelineModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {
  connect(&m_autoRefresh, &QTimer::timeout, this, [this] { (void)refresh(); });
}

TimelineModel::~TimelineModel() = default;

QString TimelineModel::utcText(qint64 epochMs) {
  return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void TimelineModel::setIncident(const QString &incidentId, const QList<TimelineEntry> &entries, qint64 changeSeq) {
  beginResetModel();
  m_incidentId = incidentId;
  m_lastChangeSeq = changeSeq;
  bool allMine = true;
  for (const TimelineEntry &entry : entries) {
    allMine = allMine && entry.incidentId == incidentId;
    m_lastChangeSeq = qMax(m_lastChangeSeq, entry.changeSeq);
  }
  QList<TimelineEntry> mine = entries; // shared, not copied, when every entry is this incident's
  if (!allMine)
    mine.removeIf([&](const TimelineEntry &entry) { return entry.incidentId != incidentId; });
  m_rows->assign(std::move(mine));
  endResetModel();
}

void TimelineModel::clear() {
  setIncident({}, {});
}

void TimelineModel::upsert(const TimelineEntry &entry) {
  Notify notify{this};
  m_rows->upsert(entry, notify);
}

void TimelineModel::applyEntries(const QList<TimelineEntry> &entries) {
  for (const TimelineEntry &entry : entries)
    if (!m_incidentId.isEmpty() && entry.incidentId == m_incidentId)
      upsert(entry);
}

void TimelineModel::setEntries(const QList<TimelineEntry> &entries) {
  QSet<QString> keep;
  for (const TimelineEntry &entry : entries)
    if (entry.incidentId == m_incidentId)
      keep.insert(entry.id);
  QStringList gone;
  for (const TimelineEntry &row : m_rows->rows())
    if (!keep.contains(row.id))
      gone.append(row.id);
  Notify notify{this};
  for (const QString &id : gone)
    m_rows->remove(id, notify);
  applyEntries(entries);
}

void TimelineModel::setReader(const TimelineStore *reader) {
  m_reader = reader;
  m_lastDataVersion = -1;
}

TimelineResult<int> TimelineModel::loadIncident(const QString &incidentId) {
  if (!m_reader)
    return TimelineError{TimelineError::Code::NotOpen,
                         QStringLiteral("the timeline view has no database to read; this is a pxp-console bug"),
                         {}};
  auto loaded = m_reader->load(incidentId);
  if (!loaded)
    return loaded.error();
  setIncident(incidentId, loaded.value().entries, loaded.value().lastChangeSeq);
  return int(loaded.value().entries.size());
}

TimelineResult<int> TimelineModel::refresh() {
  m_refreshScheduled = false;
  auto applied = refreshStep();
  if (!applied) {
    if (!std::exchange(m_refreshFailing, true)) // reported once, until a refresh works again
      emit refreshFailed(applied.error());
  } else {
    m_refreshFailing = false;
  }
  return applied;
}

TimelineResult<int> TimelineModel::refreshStep() {
  if (!m_reader || m_incidentId.isEmpty())
    return 0;
  auto version = m_reader->dataVersion();
  if (!version)
    return version.error();
  if (version.value() == m_lastDataVersion)
    return 0; // nobody committed since the last look
  auto changes = m_reader->changesSince(m_incidentId, m_lastChangeSeq, m_refreshBatch);
  if (!changes)
    return changes.error();
  applyEntries(changes.value().entries);
  m_lastChangeSeq = changes.value().lastChangeSeq;
  if (changes.value().more) {
    // Keep each call short: the rest comes in the next turn of the event loop.
    if (!std::exchange(m_refreshScheduled, true))
      QTimer::singleShot(0, this, [this] { (void)refresh(); });
  } else {
    m_lastDataVersion = version.value();
  }
  return int(changes.value().entries.size());
}

void TimelineModel::setAutoRefreshIntervalMs(int intervalMs) {
  if (intervalMs <= 0) {
    m_autoRefresh.stop();
    return;
  }
  m_autoRefresh.start(intervalMs);
}

void TimelineModel::attach(TimelineWriter *writer) {
  if (m_writer)
    disconnect(m_writer, nullptr, this, nullptr);
  m_writer = writer;
  if (!writer)
    return;
  connect(writer, &TimelineWriter::entriesLoaded, this,
          [this](quint64 requestId, const QString &incidentId, const EntryChanges &loaded) {
            if (requestId != m_loadRequest)
              return; // someone else's load, or an incident requested before the latest
            m_loadRequest = 0;
            setIncident(incidentId, loaded.entries, loaded.lastChangeSeq);
            emit incidentLoaded(incidentId);
          });
  connect(writer, &TimelineWriter::saved, this, [this](quint64, const TimelineEntry &entry) { applyEntries({entry}); });
  connect(writer, &TimelineWriter::incidentSaved, this,
          [this](quint64, const IncidentChange &change) { applyEntries(change.entries); });
  connect(writer, &TimelineWriter::automaticSaved, this,
          [this](quint64, const AutomaticBatch &batch) { applyEntries(batch.added); });
  connect(writer, &TimelineWriter::imported, this, [this](quint64, const ImportCounts &counts) {
    if (counts.incidentId != m_incidentId)
      return;
    if (m_reader)
      (void)refresh(); // incremental
    else
      requestIncident(m_incidentId); // no reader to diff with: load it again
  });
}

quint64 TimelineModel::requestIncident(const QString &incidentId) {
  if (!m_writer)
    return 0;
  m_loadRequest = m_writer->loadIncident(incidentId);
  return m_loadRequest;
}

const TimelineEntry &TimelineModel::at(int row) const {
  return m_rows->at(row);
}

int TimelineModel::rowOf(const QString &entryId) const {
  return m_rows->rowOf(entryId);
}

const QList<TimelineEntry> &TimelineModel::entries() const {
  return m_rows->rows();
}

int TimelineModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int TimelineModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const TimelineEntry &entry = m_rows->at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(entry, index.column());
  case Qt::ToolTipRole:
    if (index.column() == TimeColumn)
      return tr("%1\nrecorded %2")
          .arg(format::dateTimeLocal(entry.eventTimeMs), format::dateTimeLocal(entry.recordedAtMs));
    if (index.column() == TextColumn && !entry.link.isEmpty())
      return entry.link;
    return {};
  case EntryIdRole: return entry.id;
  case KindRole: return int(entry.kind);
  case KindNameRole: return kindName(entry.kind);
  case EventTimeRole: return entry.eventTimeMs;
  case RecordedAtRole: return entry.recordedAtMs;
  case AuthorRole: return entry.author;
  case TextRole: return entry.text;
  case AutomaticRole: return entry.automatic;
  case EditedRole: return entry.edited();
  case DeletedRole: return entry.deleted;
  case RevisionRole: return entry.revision;
  case LinkRole: return entry.link;
  case SourceKeyRole: return entry.sourceKey;
  case EntryRole: return QVariant::fromValue(entry);
  case SortRole:
    switch (index.column()) {
    case TimeColumn: return double(entry.eventTimeMs);
    case KindColumn: return int(entry.kind);
    case AutomaticColumn: return entry.automatic;
    case EditedColumn: return entry.edited();
    case DeletedColumn: return entry.deleted;
    default: return displayData(entry, index.column());
    }
  default: return {};
  }
}

QVariant TimelineModel::displayData(const TimelineEntry &entry, int column) const {
  switch (column) {
  case TimeColumn: return utcText(entry.eventTimeMs);
  case KindColumn: return kindTitle(entry.kind);
  case AuthorColumn: return entry.author;
  case TextColumn: return entry.text;
  case AutomaticColumn: return checkText(entry.automatic);
  case EditedColumn: return checkText(entry.edited());
  case DeletedColumn: return checkText(entry.deleted);
  default: return {};
  }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static constexpr std::array<const char *, ColumnCount> kTitles = {
      QT_TR_NOOP("Time (UTC)"), QT_TR_NOOP("Kind"),   QT_TR_NOOP("Author"), QT_TR_NOOP("Entry"),
      QT_TR_NOOP("Automatic"),  QT_TR_NOOP("Edited"), QT_TR_NOOP("Deleted")};
  return tr(kTitles.at(std::size_t(section)));
}

QHash<int, QByteArray> TimelineModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{EntryIdRole, "entryId"},
                {KindRole, "kind"},
                {KindNameRole, "kindName"},
                {EventTimeRole, "eventTime"},
                {RecordedAtRole, "recordedAt"},
                {AuthorRole, "author"},
                {TextRole, "text"},
                {AutomaticRole, "automatic"},
                {EditedRole, "edited"},
                {DeletedRole, "deleted"},
                {RevisionRole, "revision"},
                {LinkRole, "link"},
                {SourceKeyRole, "sourceKey"},
                {EntryRole, "entry"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
