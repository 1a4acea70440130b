#include "CommandListModel.h"

#include "pxp/models/Format.h"
#include "pxp/ui/Theme.h"

#include <QDateTime>

namespace pxp::ui {
namespace {

constexpr int kMaxRows = 500;

} // namespace

CommandListModel::CommandListModel(client::CommandClient *commands, QObject *parent)
    : QAbstractTableModel(parent), m_commands(commands), m_sessionStartMs(QDateTime::currentMSecsSinceEpoch()) {
  connect(m_commands, &client::CommandClient::commandUpdated, this, &CommandListModel::upsert);
  connect(m_commands, &client::CommandClient::journalReady, this, &CommandListModel::loadJournal);
  if (m_commands->isJournalReady())
    loadJournal();
}

void CommandListModel::loadJournal() {
  // recent() holds this session's commands and the journal's; those not shown yet are earlier runs'.
  QList<client::CommandStatusValue> older;
  for (const auto &r : m_commands->recent())
    if (rowOf(r.idempotencyKey) < 0)
      older.push_back(r);
  if (older.isEmpty())
    return;
  beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + older.size()) - 1);
  m_rows += older;
  endInsertRows();
  emit pendingCountChanged(m_lastPending = pendingCount());
}

bool CommandListModel::isFromJournal(const client::CommandStatusValue &status) const {
  return status.submittedAtMs < m_sessionStartMs;
}

int CommandListModel::rowOf(const QString &key) const {
  for (int r = 0; r < m_rows.size(); ++r)
    if (m_rows[r].idempotencyKey == key)
      return r;
  return -1;
}

int CommandListModel::pendingCount() const {
  int n = 0;
  for (const auto &r : m_rows)
    n += r.state == client::CommandState::Pending ? 1 : 0;
  return n;
}

void CommandListModel::upsert(const client::CommandStatusValue &status) {
  if (const int row = rowOf(status.idempotencyKey); row >= 0) {
    m_rows[row] = status;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
  } else {
    beginInsertRows({}, 0, 0);
    m_rows.prepend(status);
    endInsertRows();
    if (m_rows.size() > kMaxRows) {
      beginRemoveRows({}, kMaxRows, int(m_rows.size()) - 1);
      m_rows.resize(kMaxRows);
      endRemoveRows();
    }
  }
  if (const int pending = pendingCount(); pending != m_lastPending)
    emit pendingCountChanged(m_lastPending = pending);
}

void CommandListModel::tickSpinner() {
  m_spinnerFrame = (m_spinnerFrame + 1) % 4;
  for (int r = 0; r < m_rows.size(); ++r)
    if (m_rows[r].state == client::CommandState::Pending)
      emit dataChanged(index(r, StateColumn), index(r, StateColumn), {Qt::DisplayRole});
}

int CommandListModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

int CommandListModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString CommandListModel::stateText(const client::CommandStatusValue &s) const {
  static const QString frames[] = {QStringLiteral("◐"), QStringLiteral("◓"), QStringLiteral("◑"), QStringLiteral("◒")};
  switch (s.state) {
  case client::CommandState::Pending:
    return s.attempts > 1 ? tr("%1 pending (attempt %2)").arg(frames[m_spinnerFrame]).arg(s.attempts)
                          : tr("%1 pending").arg(frames[m_spinnerFrame]);
  case client::CommandState::Succeeded: return s.replayed ? tr("✔ succeeded (earlier)") : tr("✔ succeeded");
  case client::CommandState::Failed: return tr("✖ failed");
  }
  return {};
}

QString CommandListModel::resultText(const client::CommandStatusValue &s) {
  switch (s.state) {
  case client::CommandState::Pending:
    return s.message.isEmpty() ? tr("sent, waiting for the daemon")
                               : tr("not answered yet (%1); it is re-sent with the same key").arg(s.message);
  case client::CommandState::Succeeded: return s.message;
  case client::CommandState::Failed: return tr("%1: %2").arg(client::commandFailureName(s.failure), s.message);
  }
  return {};
}

QVariant CommandListModel::data(const QModelIndex &index, int role) const {
  if (!index.isValid() || index.row() >= m_rows.size())
    return {};
  const auto &s = m_rows.at(index.row());
  switch (role) {
  case KeyRole: return s.idempotencyKey;
  case StateRole: return static_cast<int>(s.state);
  case FromJournalRole: return isFromJournal(s);
  case Qt::ForegroundRole:
    if (index.column() != StateColumn && index.column() != ResultColumn)
      return {};
    return Theme::stateColor(s.state == client::CommandState::Failed      ? 3
                             : s.state == client::CommandState::Succeeded ? 1
                                                                          : 2);
  case Qt::ToolTipRole:
    return tr("Idempotency key %1, %2 attempt(s), to %3%4")
        .arg(s.idempotencyKey)
        .arg(s.attempts)
        .arg(s.target, isFromJournal(s) ? tr("; recovered from the command journal") : QString());
  case Qt::DisplayRole: break;
  default: return {};
  }
  switch (index.column()) {
  case StateColumn: return stateText(s);
  case CommandColumn: return s.request.describe();
  case ReasonColumn: return s.request.reason;
  case ResultColumn: return resultText(s);
  case AuditColumn:
    return s.auditSeq > 0 ? tr("#%1 by %2: \"%3\"").arg(s.auditSeq).arg(s.audit.actor, s.audit.reason) : QString();
  case TimeColumn:
    return isFromJournal(s) ? tr("%1 (journal)").arg(models::format::dateTimeLocal(s.submittedAtMs))
                            : models::format::timeLocal(s.submittedAtMs);
  default: return {};
  }
}

QVariant CommandListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return {};
  switch (section) {
  case StateColumn: return tr("State");
  case CommandColumn: return tr("Command");
  case ReasonColumn: return tr("Reason");
  case ResultColumn: return tr("Result");
  case AuditColumn: return tr("Audit entry");
  case TimeColumn: return tr("Sent");
  default: return {};
  }
}

} // namespace pxp::ui
