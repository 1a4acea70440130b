#pragma once
// SpanTreeModel: the spans of one trace as a tree by parent span id (children in start
// order), with start offsets from the trace start so a waterfall can place its bars.
// Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QAbstractItemModel>
#include <QList>

#include <vector>

namespace pxp::models {

class SpanTreeModel : public QAbstractItemModel {
  Q_OBJECT
public:
  enum Column { ServiceColumn, OperationColumn, StartOffsetColumn, DurationColumn, StatusColumn, ColumnCount };
  Q_ENUM(Column)

  enum Role {
    SpanIdRole = Qt::UserRole + 1, // QString
    StartOffsetUsRole,             // qint64 µs after the trace start
    DurationUsRole,                // qint64 µs
    ErrorRole,                     // bool
    StatusMessageRole,             // QString, "" when none
    DepthRole,                     // int, 0 for a root
    SortRole,                      // the column's raw value (numbers as double)
  };
  Q_ENUM(Role)

  explicit SpanTreeModel(QObject *parent = nullptr);

  // A different trace resets the model; the same trace with the same spans changes nothing.
  // A span whose parent is unknown, itself, or part of a parent cycle becomes a root.
  void setTrace(const client::TraceValue &trace);
  void clear();

  const client::TraceValue &trace() const { return m_trace; }
  qint64 traceStartUs() const { return m_startUs; }
  qint64 traceDurationUs() const { return m_durationUs; } // first start to last end, ≥ 1
  // The spans depth first (a parent before its children): one waterfall row each.
  QList<QModelIndex> depthFirst() const;
  const client::SpanValue &spanAt(const QModelIndex &index) const;
  QModelIndex indexOf(const QString &spanId) const; // invalid when unknown

  QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
  QModelIndex parent(const QModelIndex &child) const override;
  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  struct Node {
    int parent = -1; // node index, -1 for a root
    int row = 0;     // position among its siblings
    int depth = 0;
    std::vector<int> children;
  };
  void build();
  void breakCycles();
  void assignRowsAndDepths(std::vector<int> &siblings, int depth);
  const std::vector<int> &childrenOf(const QModelIndex &parent) const;
  QVariant displayData(const client::SpanValue &span, int column) const;
  QVariant sortData(const client::SpanValue &span, int column) const;

  client::TraceValue m_trace;
  std::vector<Node> m_nodes; // parallel to m_trace.spans
  std::vector<int> m_roots;
  qint64 m_startUs = 0, m_durationUs = 1;
};

} // namespace pxp::models
