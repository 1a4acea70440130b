#pragma once
// AuditTableModel: the daemon's audit ledger (decisions, commands, config loads, denied
// commands), newest (highest seq) first, bounded to the newest maxRows() (2,000 by
// default); the oldest rows leave with beginRemoveRows. Thread affinity: GUI thread.

#include "pxp/client/Values.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

#include <memory>

namespace pxp::models {

class AuditTableModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column {
    SeqColumn,
    TimeColumn,
    KindColumn, // decision, command, config, auth denied
    ActorColumn,
    CommandColumn,
    TargetColumn,
    ReasonColumn,
    ResultColumn, // "ok", the result text, or "failed: <error>"
    ColumnCount
  };
  Q_ENUM(Column)

  enum Role {
    SeqRole = Qt::UserRole + 1, // qint64, gap-free per daemon state dir
    TimeRole,                   // qint64 epoch ms
    KindRole,                   // QString
    ActorRole,                  // QString
    ServiceRole,                // QString: the affected service
    OkRole,                     // bool
    IdempotencyKeyRole,         // QString
    SortRole,                   // the column's raw value
  };
  Q_ENUM(Role)

  static constexpr int kMaxRows = 2000;

  explicit AuditTableModel(QObject *parent = nullptr);
  ~AuditTableModel() override;

  // Merges records by seq (new ones on top), then drops the oldest beyond maxRows().
  void appendRecords(const QList<client::AuditValue> &records);
  // Replaces every row (a new world): one reset.
  void resetRecords(const QList<client::AuditValue> &records);
  int maxRows() const { return m_maxRows; }
  void setMaxRows(int maxRows); // at least 1; trims at once

  const client::AuditValue &at(int row) const;
  int rowOf(qint64 seq) const;

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  QHash<int, QByteArray> roleNames() const override;

private:
  QVariant displayData(const client::AuditValue &record, int column) const;

  struct Rows;
  std::unique_ptr<Rows> m_rows;
  int m_maxRows = kMaxRows;
};

} // namespace pxp::models
