#pragma once
// RedTableModel: rate, errors and duration (RED) per service endpoint over a window,
// updated in place by service + endpoint. Thread affinity: GUI thread.

#include "pxp/client/QueryValues.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>

namespace pxp::models {

class RedTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    ServiceColumn,
    EndpointColumn,
    RequestsPerSecondColumn,
    ErrorRatioColumn, // shown as a percentage
    P50Column,        // ms
    P95Column,        // ms
    P99Column,        // ms
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    ServiceRole = Qt::UserRole + 1, // QString
    EndpointRole,                   // QString
    RequestsPerSecondRole,          // double
    ErrorRatioRole,                 // double 0..1
    SortRole,                       // the column's raw value (numbers as double)
  };
  Q_ENUM(Role)

  explicit RedTableModel(QObject *parent = nullptr);
  ~RedTableModel() override;

  // The latest answer: endpoints no longer listed are removed, changed ones get dataChanged,
  // new ones are appended; never a reset.
  void setEndpoints(const QList<client::RedValue> &endpoints);
  void clear();

  const client::RedValue &at(int row) const;
  int rowOf(const QString &service, const QString &endpoint) const; // -1 when unknown

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  QVariant displayData(const client::RedValue &red, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
};

} // namespace pxp::models
