#pragma once
// ProductAreaSummaryModel: the executive dashboard's table, one row per product area of an
// SloTableModel: SLO count, how many fire an alert tier, and the area's worst SLO (by state,
// then firing tier, then budget left, then attainment against its objective) with its figures:
// state, attainment vs objective, budget left, and the tier and burn that make it red. Every
// figure of a row is that one SLO's, so the colour and the numbers never disagree. Recomputed
// once per source batch (SloTableModel::updated, which follows resets too), then only the
// areas that changed are signalled:
// dataChanged, or rows inserted/removed in area-name order.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QPointer>

namespace pxp::models {

class SloTableModel;

class ProductAreaSummaryModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    AreaColumn,
    SloCountColumn,
    WorstStateColumn,
    WorstAttainmentColumn, // the worst SLO's attainment and objective: "99.91 % vs 99.95 %"
    WorstBudgetColumn,
    FiringColumn, // SLOs with an alert tier firing
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    AreaRole = Qt::UserRole + 1, // QString, "" for SLOs without a product area
    SloCountRole,                // int
    WorstStateRole,              // int, client::SloState
    WorstStateSeverityRole,      // int, SloTableModel::stateSeverity
    WorstAttainmentRole,         // double 0..1, NaN = no data
    WorstObjectiveRole,          // double: the objective of that SLO
    WorstSloIdRole,              // QString
    WorstBudgetRemainingRole,    // double, NaN = no data
    FiringCountRole,             // int
    SortRole,                    // the column's raw value
  };
  Q_ENUM(Role)

  struct AreaSummary {
    QString area;
    int sloCount = 0;
    client::SloState worstState = client::SloState::Unspecified;
    // The worst SLO (see above) and its figures.
    QString worstSloId, worstSloName;
    client::AlertTier worstTier = client::AlertTier::None;
    double worstBurnLong = client::kNaN, worstBurnShort = client::kNaN; // over its tier's two windows
    QString worstLongWindow, worstShortWindow;                          // "1h", "5m"
    double worstAttainment = client::kNaN;
    double worstObjective = client::kNaN;
    double worstBudgetRemainingRatio = client::kNaN;
    int firingCount = 0; // SLOs with an alert tier firing
  };

  explicit ProductAreaSummaryModel(QObject *parent = nullptr);

  // Follows `source` (not owned; nullptr detaches) and recomputes from it.
  void setSourceModel(SloTableModel *source);
  SloTableModel *sourceModel() const { return m_source; }

  const AreaSummary &at(int row) const { return m_rows.at(row); }
  int rowOf(const QString &area) const; // -1 when absent

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

public slots:
  void recompute();

private:
  QList<AreaSummary> summarize() const;
  QVariant displayData(const AreaSummary &summary, int column) const;
  QVariant sortData(const AreaSummary &summary, int column) const;

  QPointer<SloTableModel> m_source;
  QList<AreaSummary> m_rows; // ordered by area name, case-insensitively
};

} // namespace pxp::models
