#pragma once
// SloTableModel: one row per SLO with its live status: attainment, error budget, burn rates,
// firing tier, state. Updated incrementally from the Watch stream (dataChanged on the rows
// that changed, inserts and removals with begin/end calls; a reset only when a snapshot
// brings a different set of ids). Rows keep arrival order; sort with SloFilterProxy.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace pxp::models {

class SloTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    SloColumn,
    ServiceColumn,
    ProductAreaColumn,
    OwnerColumn,
    ObjectiveColumn,
    AttainmentColumn, // SLI over the whole period
    BudgetRemainingColumn,
    Burn5mColumn,
    Burn30mColumn,
    Burn1hColumn,
    Burn6hColumn,
    Burn1dColumn,
    Burn3dColumn,
    TierColumn, // the fastest firing alert tier
    StateColumn,
    TimeToExhaustionColumn,
    LastDataColumn,
    ColumnCount
  };
  Q_ENUM(Column)

  // Raw values for views and proxies: the same on every column of a row, except
  // BurnRateRole and SortRole, which depend on the column.
  enum Role {
    SloIdRole = Qt::UserRole + 1, // QString
    NameRole,                     // QString
    ServiceRole,                  // QString
    ProductAreaRole,              // QString
    OwnerRole,                    // QString
    ObjectiveRole,                // double, 0..1
    AttainmentRole,               // double, 0..1, NaN = no data
    BudgetRemainingRole,          // double, 1 = untouched, < 0 overspent, NaN = no data
    TierRole,                     // int, client::AlertTier
    StateRole,                    // int, client::SloState
    StateSeverityRole,            // int, stateSeverity(state): higher is worse
    TimeToExhaustionRole,         // double seconds, +Inf = not burning
    LastDataRole,                 // qint64 epoch ms, 0 = never
    BurnRateRole,                 // double: the column's window on burn columns, else invalid
    SortRole,                     // the column's raw value (numbers as double, NaN = no data)
  };
  Q_ENUM(Role)

  explicit SloTableModel(QObject *parent = nullptr);
  ~SloTableModel() override;

  // A snapshot: the whole set. Resets only if the set of ids differs; otherwise emits
  // dataChanged for the rows whose value changed.
  void setSlos(const QList<client::SloValue> &slos);
  // Delta: merge by id (see merged()); inserts unknown ids at the end.
  void mergeSlos(const QList<client::SloValue> &slos);
  void removeSlos(const QStringList &ids);

  const client::SloValue &at(int row) const;
  int rowOf(const QString &id) const;                    // -1 when unknown
  const client::SloValue *find(const QString &id) const; // nullptr when unknown; valid until the next update

  // `update` merged over `current`: a status-only update (empty name and service) keeps
  // the definition fields; an update without status keeps the status fields.
  static client::SloValue merged(const client::SloValue &current, const client::SloValue &update);
  // How bad a state is, for "worst state" and sorting: Critical 5, Error 4, Warning 3,
  // NoData 2, Ok 1, Unspecified 0.
  static int stateSeverity(client::SloState state);

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

signals:
  // Once after each setSlos / mergeSlos / removeSlos that changed something; lets an
  // aggregate (ProductAreaSummaryModel) recompute once per batch instead of once per row.
  void updated();

private:
  void upsert(const client::SloValue &value, bool merge);
  QVariant displayData(const client::SloValue &slo, int column) const;
  QVariant sortData(const client::SloValue &slo, int column) const;
  QVariant toolTipData(const client::SloValue &slo, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
};

} // namespace pxp::models
