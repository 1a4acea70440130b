#pragma once
// DeploymentTableModel: rollouts (rolling, canary, blue-green) with weight, status and the
// canary-vs-baseline analysis. Rows keep arrival order; at most kMaxRows, the oldest
// finished deployments leave first (active ones always stay).
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace pxp::models {

class DeploymentTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    ServiceColumn,
    VersionColumn,
    PreviousColumn,
    StrategyColumn,
    WeightColumn, // share of traffic on the new version
    StatusColumn,
    CanaryColumn, // canary vs baseline success ratio
    FailedChecksColumn,
    StartedColumn,
    AuthorColumn,
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    DeploymentIdRole = Qt::UserRole + 1, // QString
    ServiceRole,                         // QString
    StatusRole,                          // QString, e.g. "progressing"
    ActiveRole,                          // bool: progressing or paused
    WeightPercentRole,                   // int 0..100
    CanarySuccessRole,                   // double 0..1, NaN = no analysis
    BaselineSuccessRole,                 // double 0..1, NaN = no analysis
    StartedAtRole,                       // qint64 epoch ms
    SortRole,                            // the column's raw value
  };
  Q_ENUM(Role)

  static constexpr int kMaxRows = 200;

  explicit DeploymentTableModel(QObject *parent = nullptr);
  ~DeploymentTableModel() override;

  // A snapshot: resets only if the set of ids differs, else dataChanged on changed rows.
  void setDeployments(const QList<client::DeploymentValue> &deployments);
  void upsertDeployments(const QList<client::DeploymentValue> &deployments);

  const client::DeploymentValue &at(int row) const;
  int rowOf(const QString &id) const;
  const client::DeploymentValue *find(const QString &id) const; // valid until the next update
  // Progressing or paused deployments of a service ("" = every service).
  QList<client::DeploymentValue> active(const QString &service = QString()) const;

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  void upsert(const client::DeploymentValue &deployment);
  void trim();
  QVariant displayData(const client::DeploymentValue &deployment, int column) const;
  QVariant sortData(const client::DeploymentValue &deployment, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
};

} // namespace pxp::models
