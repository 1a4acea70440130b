#pragma once
// DecisionTableModel: the policy engine's decisions (executed, failed, dry-run, suppressed),
// newest first, bounded to the newest maxRows() (2,000 by default) so a console that runs
// for weeks keeps flat memory: the oldest rows leave with beginRemoveRows.
// Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace pxp::models {

class DecisionTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column { TimeColumn, PolicyColumn, OutcomeColumn, ActionColumn, TargetColumn, ExplanationColumn, ColumnCount };
  Q_ENUM(Column)

  enum Role {
    DecisionIdRole = Qt::UserRole + 1, // QString
    PolicyIdRole,                      // QString
    SloIdRole,                         // QString
    OutcomeRole,                       // QString, e.g. "executed", "suppressed: cooldown"
    TimeRole,                          // qint64 epoch ms
    SortRole,                          // the column's raw value
  };
  Q_ENUM(Role)

  static constexpr int kMaxRows = 2000;

  explicit DecisionTableModel(QObject *parent = nullptr);
  ~DecisionTableModel() override;

  // Merges decisions (new ones on top, known ids updated in place), then drops the oldest
  // rows beyond maxRows().
  void appendDecisions(const QList<client::DecisionValue> &decisions);
  // Replaces every row (a new world): one reset.
  void resetDecisions(const QList<client::DecisionValue> &decisions);
  int maxRows() const { return m_maxRows; }
  void setMaxRows(int maxRows); // at least 1; trims at once

  const client::DecisionValue &at(int row) const;
  int rowOf(const QString &id) const;

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  QVariant displayData(const client::DecisionValue &decision, int column) const;
  QString explanationToolTip(const client::DecisionValue &decision) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
  int m_maxRows = kMaxRows;
};

} // namespace pxp::models
