#pragma once
// FlagTableModel: feature flags with kind, on/off, rollout percentage and who changed them
// last. Rows keep arrival order. Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace pxp::models {

class FlagTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    KeyColumn,
    KindColumn,    // release, experiment, ops, kill switch
    EnabledColumn, // on / off
    RolloutColumn, // percent of traffic that sees the flag on
    ServiceColumn,
    OwnerColumn,
    UpdatedByColumn,
    UpdatedAtColumn,
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    FlagKeyRole = Qt::UserRole + 1, // QString
    KindRole,                       // QString
    ServiceRole,                    // QString
    EnabledRole,                    // bool
    RolloutPercentRole,             // int 0..100
    UpdatedAtRole,                  // qint64 epoch ms
    SortRole,                       // the column's raw value
  };
  Q_ENUM(Role)

  explicit FlagTableModel(QObject *parent = nullptr);
  ~FlagTableModel() override;

  // A snapshot: resets only if the set of keys differs, else dataChanged on changed rows.
  void setFlags(const QList<client::FlagValue> &flags);
  void upsertFlags(const QList<client::FlagValue> &flags);

  const client::FlagValue &at(int row) const;
  int rowOf(const QString &key) const;
  const client::FlagValue *find(const QString &key) const; // valid until the next update

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  void upsert(const client::FlagValue &flag);
  QVariant displayData(const client::FlagValue &flag, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
};

} // namespace pxp::models
