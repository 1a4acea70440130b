#pragma once
// AlertTableModel: SLO alerts, firing first (pages before tickets, newest first), then
// resolved ones (most recently resolved first). An alert keeps its id from firing to
// resolved; when it resolves its row moves down (beginMoveRows) and its state cell changes.
// Resolved alerts are bounded (kMaxResolved) so a wallboard's memory stays flat.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace pxp::models {

class AlertTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    SeverityColumn, // page / ticket
    SloColumn,
    ServiceColumn,
    OwnerColumn,
    StateColumn, // firing / resolved
    FiredAtColumn,
    DurationColumn, // firing: now - fired; resolved: resolved - fired
    SummaryColumn,
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    AlertIdRole = Qt::UserRole + 1, // QString
    SloIdRole,                      // QString
    ServiceRole,                    // QString
    FiringRole,                     // bool
    PageRole,                       // bool: page (true) or ticket
    TierRole,                       // int, client::AlertTier
    FiredAtRole,                    // qint64 epoch ms
    ResolvedAtRole,                 // qint64 epoch ms, 0 while firing
    SortRole,                       // the column's raw value
  };
  Q_ENUM(Role)

  static constexpr int kMaxResolved = 500;

  explicit AlertTableModel(QObject *parent = nullptr);
  ~AlertTableModel() override;

  // A snapshot: resets only if the set of ids differs, else updates (and moves) rows.
  void setAlerts(const QList<client::AlertValue> &alerts);
  void upsertAlerts(const QList<client::AlertValue> &alerts);
  // The clock that firing durations are measured against (the daemon's time, which runs
  // faster than the wall clock in a time-scaled simulated world). Updates the duration
  // cells of firing rows.
  void setNowMs(qint64 nowMs);
  qint64 nowMs() const { return m_nowMs; }

  const client::AlertValue &at(int row) const;
  int rowOf(const QString &id) const;
  const client::AlertValue *find(const QString &id) const; // valid until the next update
  // Firing alerts for a service ("" = every service), in table order.
  QList<client::AlertValue> firing(const QString &service = QString()) const;
  int firingCount() const;

  // The table order: true when `a` shows above `b`.
  static bool showsBefore(const client::AlertValue &a, const client::AlertValue &b);

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  void upsert(const client::AlertValue &alert);
  void trimResolved();
  int positionFor(const client::AlertValue &alert, int skipRow) const;
  double durationSeconds(const client::AlertValue &alert) const;
  QVariant displayData(const client::AlertValue &alert, int column) const;
  QVariant sortData(const client::AlertValue &alert, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
  qint64 m_nowMs = 0;
};

} // namespace pxp::models
