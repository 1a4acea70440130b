#pragma once
// TimelineModel: the entries of one incident in timeline order (event time, then recorded
// time, then id), tombstones included (TimelineFilterProxy hides them). Updates are
// incremental: a saved or refreshed entry is inserted at its sorted row, moved when its
// event time was edited, or its row changed; only a new incident resets the model.
// Thread affinity: GUI thread.
//
// Feeding it: attach() a writer, then requestIncident() loads off the GUI thread and saved
// entries appear as the writer reports them; or setIncident() with entries loaded elsewhere,
// or loadIncident() through a ReadOnly reader for small incidents. refresh() (or
// setAutoRefreshIntervalMs) catches up with other consoles: it reads only what changed since
// the last look.

#include "pxp/models/timeline/TimelineError.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace pxp::models {

class TimelineStore;
class TimelineWriter;

class TimelineModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    TimeColumn, // event time in UTC; local time and recorded time in the tooltip
    KindColumn, // "Customer impact"
    AuthorColumn,
    TextColumn,
    AutomaticColumn, // "✓" when it came from the live stream
    EditedColumn,    // revision > 1
    DeletedColumn,   // a tombstone
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    EntryIdRole = Qt::UserRole + 1, // QString
    KindRole,                       // int (EntryKind)
    KindNameRole,                   // QString, stable ("customer impact")
    EventTimeRole,                  // qint64 epoch ms
    RecordedAtRole,                 // qint64 epoch ms
    AuthorRole,                     // QString
    TextRole,                       // QString
    AutomaticRole,                  // bool
    EditedRole,                     // bool
    DeletedRole,                    // bool
    RevisionRole,                   // int
    LinkRole,                       // QString: "pxp://slo/..." for the dashboards
    SourceKeyRole,                  // QString
    EntryRole,                      // QVariant holding the TimelineEntry
    SortRole,                       // the column's raw value
  };
  Q_ENUM(Role)

  static constexpr int kRefreshBatch = 2000; // changes applied per refresh() call, by default

  explicit TimelineModel(QObject *parent = nullptr);
  ~TimelineModel() override;

  QString incidentId() const { return m_incidentId; }
  // Shows `incidentId` with `entries` (any order): one reset. `changeSeq` is the store's
  // change sequence the entries are current to (0: refresh() reads everything again; harmless).
  void setIncident(const QString &incidentId, const QList<TimelineEntry> &entries, qint64 changeSeq = 0);
  void clear();
  // Adds or updates entries of the shown incident (others are ignored) at their sorted rows.
  void applyEntries(const QList<TimelineEntry> &entries);
  // Makes the rows equal `entries` of the shown incident with the fewest signals: rows not
  // in `entries` are removed, the others upserted.
  void setEntries(const QList<TimelineEntry> &entries);

  // A ReadOnly store on this thread for loadIncident() and refresh(); not owned.
  void setReader(const TimelineStore *reader);
  // Reads every entry of `incidentId` through the reader (one reset). For large incidents
  // prefer requestIncident() (off this thread).
  TimelineResult<int> loadIncident(const QString &incidentId);
  // Applies what changed since the last load or refresh, by this console or another, at
  // most refreshBatch() entries per call (another call is scheduled when more wait). Returns
  // the number of entries applied; does not query entries when PRAGMA data_version says
  // nothing was committed.
  TimelineResult<int> refresh();
  // At most this many changes per refresh() call (at least 1): bounds each step's work.
  void setRefreshBatch(int entries) { m_refreshBatch = qMax(1, entries); }
  int refreshBatch() const { return m_refreshBatch; }
  // refresh() every `intervalMs` (0: never); errors are reported once through refreshFailed.
  void setAutoRefreshIntervalMs(int intervalMs);
  // Applies the writer's saved entries (saved, incidentSaved, automaticSaved) as they come,
  // and after an import of the shown incident refreshes (or, without a reader, loads it
  // again). One writer at a time; not owned.
  void attach(TimelineWriter *writer);
  // Loads `incidentId` through the attached writer, off this thread; the model resets when
  // the entries arrive (incidentLoaded), unless another incident was requested since.
  // Returns the writer's request id, or 0 without a writer.
  quint64 requestIncident(const QString &incidentId);

  const TimelineEntry &at(int row) const;
  int rowOf(const QString &entryId) const;
  const QList<TimelineEntry> &entries() const;
  qint64 lastChangeSeq() const { return m_lastChangeSeq; }

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

  // "2024-11-26 13:05:00" (UTC): what the time column shows.
  static QString utcText(qint64 epochMs);

signals:
  // requestIncident() finished: the model now shows `incidentId`.
  void incidentLoaded(const QString &incidentId);
  // refresh() failed (the reader's message); emitted once until a refresh succeeds again.
  void refreshFailed(const pxp::models::TimelineError &error);

private:
  QVariant displayData(const TimelineEntry &entry, int column) const;
  TimelineResult<int> refreshStep();
  void upsert(const TimelineEntry &entry);

  struct Rows;
  struct Notify; // the begin/end calls SortedRows makes around each change
  std::unique_ptr<Rows> m_rows;
  QString m_incidentId;
  const TimelineStore *m_reader = nullptr;
  qint64 m_lastChangeSeq = 0;
  int m_refreshBatch = kRefreshBatch;
  qint64 m_lastDataVersion = -1;
  bool m_refreshFailing = false;
  bool m_refreshScheduled = false;
  QPointer<TimelineWriter> m_writer;
  quint64 m_loadRequest = 0;
  QTimer m_autoRefresh;
};

} // namespace pxp::models
