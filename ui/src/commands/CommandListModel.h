#pragma once
// CommandListModel: this console's manual commands, newest first: the ones sent in this
// session and those recovered from the local command journal, each pending, succeeded (with
// the audit entry: seq, actor, reason) or failed (with the daemon's reason). Fed by
// CommandClient; rows are keyed by idempotency key and updated in place.
// Thread affinity: GUI thread.

#include "pxp/client/CommandClient.h"

#include <QAbstractTableModel>
#include <QList>

namespace pxp::ui {

class CommandListModel : public QAbstractTableModel {
  Q_OBJECT
public:
  enum Column { StateColumn, CommandColumn, ReasonColumn, ResultColumn, AuditColumn, TimeColumn, ColumnCount };
  Q_ENUM(Column)
  enum Role {
    KeyRole = Qt::UserRole + 1, // QString idempotency key
    StateRole,                  // int client::CommandState
    FromJournalRole,            // bool: recovered from an earlier session's journal
  };
  Q_ENUM(Role)

  explicit CommandListModel(client::CommandClient *commands, QObject *parent = nullptr);

  const client::CommandStatusValue &at(int row) const { return m_rows.at(row); }
  int rowOf(const QString &key) const;
  int pendingCount() const;
  // Advances the pending rows' spinner (the panel calls it while something is pending).
  void tickSpinner();

  int rowCount(const QModelIndex &parent = QModelIndex()) const override;
  int columnCount(const QModelIndex &parent = QModelIndex()) const override;
  QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // What the Result column says for a status; also used for the status bar.
  static QString resultText(const client::CommandStatusValue &status);

signals:
  void pendingCountChanged(int pending);

private:
  void loadJournal();
  void upsert(const client::CommandStatusValue &status);
  QString stateText(const client::CommandStatusValue &status) const;
  bool isFromJournal(const client::CommandStatusValue &status) const;

  client::CommandClient *m_commands;
  QList<client::CommandStatusValue> m_rows; // newest first
  qint64 m_sessionStartMs;                  // rows submitted earlier come from an earlier run's journal
  int m_spinnerFrame = 0;
  int m_lastPending = 0;
};

} // namespace pxp::ui
