#pragma once
// TraceListModel: sampled traces, one row each (start, root service and operation, duration,
// span count, error), updated in place by trace id on every refresh. Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>

namespace pxp::models {

class TraceListModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column { StartColumn, ServiceColumn, OperationColumn, DurationColumn, SpansColumn, ErrorColumn, ColumnCount };
  Q_ENUM(Column)

  enum Role {
    TraceIdRole = Qt::UserRole + 1, // QString
    HasErrorRole,                   // bool
    StartUsRole,                    // qint64 epoch µs
    SortRole,                       // the column's raw value (numbers as double)
  };
  Q_ENUM(Role)

  explicit TraceListModel(QObject *parent = nullptr);
  ~TraceListModel() override;

  // The latest answer, newest first as the daemon lists it. Traces no longer listed are
  // removed, changed ones get dataChanged, unknown ones are inserted on top; never a reset.
  void setTraces(const QList<client::TraceValue> &traces);
  void clear();

  const client::TraceValue &at(int row) const;
  int rowOf(const QString &traceId) const;                      // -1 when unknown
  const client::TraceValue *find(const QString &traceId) const; // valid until the next update
  // Row of the trace (the failing trace) that started last; -1 when there is none.
  int newestRow(bool failingOnly = false) const;

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  void removeVanished(const QList<client::TraceValue> &traces);
  QVariant displayData(const client::TraceValue &trace, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
};

} // namespace pxp::models
