#include "pxp/models/AuditTableModel.h"

#include "NewestFirstRows.h"
#include "ValueEquality.h"
#include "pxp/models/Format.h"

namespace pxp::models {

using client::AuditValue;

struct AuditTableModel::Rows : detail::NewestFirstRows<AuditValue, qint64, &AuditValue::seq, &AuditValue::seq> {};

AuditTableModel::AuditTableModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

AuditTableModel::~AuditTableModel() = default;

void AuditTableModel::appendRecords(const QList<AuditValue> &records) {
  struct Notify {
    AuditTableModel *model;
    void beginInsert(int first, int last) { model->beginInsertRows(QModelIndex(), first, last); }
    void endInsert() { model->endInsertRows(); }
    void beginRemove(int first, int last) { model->beginRemoveRows(QModelIndex(), first, last); }
    void endRemove() { model->endRemoveRows(); }
    void changed(int row) { emit model->dataChanged(model->index(row, 0), model->index(row, ColumnCount - 1)); }
  } notify{this};
  m_rows->merge(records, m_maxRows, notify,
                [](const AuditValue &a, const AuditValue &b) { return detail::sameValue(a, b); });
}

void AuditTableModel::resetRecords(const QList<AuditValue> &records) {
  beginResetModel();
  m_rows->clear();
  for (const AuditValue &record : Rows::newest(records, m_maxRows))
    m_rows->insertAtRow(0, record);
  endResetModel();
}

void AuditTableModel::setMaxRows(int maxRows) {
  m_maxRows = qMax(1, maxRows);
  if (m_rows->size() <= m_maxRows)
    return;
  beginRemoveRows(QModelIndex(), m_maxRows, m_rows->size() - 1);
  m_rows->removeOldest(m_rows->size() - m_maxRows);
  endRemoveRows();
}

const AuditValue &AuditTableModel::at(int row) const {
  return m_rows->atRow(row);
}

int AuditTableModel::rowOf(qint64 seq) const {
  return m_rows->rowOf(seq);
}

int AuditTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int AuditTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const AuditValue &record = m_rows->atRow(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(record, index.column());
  case Qt::ToolTipRole:
    if (index.column() == TimeColumn)
      return format::dateTimeLocal(record.timeMs);
    if (index.column() == ResultColumn && (!record.before.isEmpty() || !record.after.isEmpty()))
      return tr("Before: %1\nAfter: %2").arg(record.before, record.after);
    return {};
  case Qt::TextAlignmentRole:
    return index.column() == SeqColumn ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
  case SeqRole: return record.seq;
  case TimeRole: return record.timeMs;
  case KindRole: return record.kind;
  case ActorRole: return record.actor;
  case ServiceRole: return record.service;
  case OkRole: return record.ok;
  case IdempotencyKeyRole: return record.idempotencyKey;
  case SortRole:
    switch (index.column()) {
    case SeqColumn: return double(record.seq);
    case TimeColumn: return double(record.timeMs);
    case ResultColumn: return record.ok ? 1.0 : 0.0;
    default: return displayData(record, index.column());
    }
  default: return {};
  }
}

QVariant AuditTableModel::displayData(const AuditValue &record, int column) const {
  switch (column) {
  case SeqColumn: return QString::number(record.seq);
  case TimeColumn: return format::timeLocal(record.timeMs);
  case KindColumn: return record.kind;
  case ActorColumn: return record.actor;
  case CommandColumn: return record.command;
  case TargetColumn: return record.target;
  case ReasonColumn: return record.reason;
  case ResultColumn:
    if (!record.ok)
      return record.result.isEmpty() ? tr("failed") : tr("failed: %1").arg(record.result);
    return record.result.isEmpty() ? tr("ok") : record.result;
  default: return {};
  }
}

QVariant AuditTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Seq"),    QT_TR_NOOP("Time"),    QT_TR_NOOP("Kind"),
                                                   QT_TR_NOOP("Actor"),  QT_TR_NOOP("Command"), QT_TR_NOOP("Target"),
                                                   QT_TR_NOOP("Reason"), QT_TR_NOOP("Result")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> AuditTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{SeqRole, "seq"},
                {TimeRole, "time"},
                {KindRole, "kind"},
                {ActorRole, "actor"},
                {ServiceRole, "service"},
                {OkRole, "ok"},
                {IdempotencyKeyRole, "idempotencyKey"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
