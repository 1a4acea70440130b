#pragma once
// IncidentListModel: the incidents in the timeline file, newest opened first, with severity
// and status. Incremental: a saved or refreshed incident updates its row (or moves it, if
// its opening time changed); new ones are inserted at their row.
// Thread affinity: GUI thread.

#include "pxp/models/timeline/TimelineError.h"
#include "pxp/models/timeline/TimelineValues.h"

#include <QAbstractTableModel>
#include <QPointer>

#include <memory>

namespace pxp::models {

class TimelineStore;
class TimelineWriter;

class IncidentListModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    OpenedColumn,   // opening time, UTC; local time in the tooltip
    SeverityColumn, // "SEV2"
    StatusColumn,   // "Investigating"
    TitleColumn,
    CommanderColumn,
    ServicesColumn, // "payments, checkout"
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    IncidentIdRole = Qt::UserRole + 1, // QString
    SeverityRole,                      // int 1..4
    StatusRole,                        // int (IncidentStatus)
    StatusNameRole,                    // QString, stable ("investigating")
    OpenedAtRole,                      // qint64 epoch ms
    ResolvedAtRole,                    // qint64 epoch ms, 0 while open
    CommanderRole,                     // QString
    ServicesRole,                      // QStringList
    SloIdsRole,                        // QStringList
    ResolvedRole,                      // bool
    IncidentRole,                      // QVariant holding the Incident
    SortRole,                          // the column's raw value
  };
  Q_ENUM(Role)

  static constexpr int kMaxIncidents = 1000; // refresh() reads at most this many, newest first

  explicit IncidentListModel(QObject *parent = nullptr);
  ~IncidentListModel() override;

  // Makes the rows equal `incidents` with the fewest signals (remove, insert, update, move).
  void setIncidents(const QList<Incident> &incidents);
  // Adds or updates one incident at its row.
  void applyIncident(const Incident &incident);

  // A ReadOnly store on this thread for refresh(); not owned.
  void setReader(const TimelineStore *reader);
  // Re-reads the incident list (bounded by kMaxIncidents) when another connection committed
  // since the last look (PRAGMA data_version), and applies the difference.
  TimelineResult<int> refresh();
  // Applies incidents the writer saved, and refreshes after an import. Not owned.
  void attach(TimelineWriter *writer);

  const Incident &at(int row) const;
  int rowOf(const QString &incidentId) const;
  const QList<Incident> &incidents() const;

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  QVariant displayData(const Incident &incident, int column) const;

  struct Rows;
  struct Notify; // the begin/end calls SortedRows makes around each change
  std::unique_ptr<Rows> m_rows;
  const TimelineStore *m_reader = nullptr;
  qint64 m_lastDataVersion = -1;
  QPointer<TimelineWriter> m_writer;
};

} // namespace pxp::models
