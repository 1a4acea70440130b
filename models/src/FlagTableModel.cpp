#include "pxp/models/FlagTableModel.h"

#include "KeyedRows.h"
#include "ValueEquality.h"
#include "pxp/models/Format.h"

namespace pxp::models {

using client::FlagValue;

struct FlagTableModel::Rows : detail::KeyedRows<FlagValue, &FlagValue::key> {};

FlagTableModel::FlagTableModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

FlagTableModel::~FlagTableModel() = default;

void FlagTableModel::setFlags(const QList<FlagValue> &flags) {
  const QList<FlagValue> unique = Rows::deduplicated(flags);
  if (m_rows->hasSameKeys(unique)) {
    upsertFlags(unique);
    return;
  }
  beginResetModel();
  m_rows->assign(unique);
  endResetModel();
}

void FlagTableModel::upsertFlags(const QList<FlagValue> &flags) {
  for (const FlagValue &flag : flags)
    upsert(flag);
}

void FlagTableModel::upsert(const FlagValue &flag) {
  const int row = m_rows->rowOf(flag.key);
  if (row < 0) {
    beginInsertRows(QModelIndex(), m_rows->size(), m_rows->size());
    m_rows->append(flag);
    endInsertRows();
    return;
  }
  if (detail::sameValue(m_rows->at(row), flag))
    return;
  m_rows->replace(row, flag);
  emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const FlagValue &FlagTableModel::at(int row) const {
  return m_rows->at(row);
}

int FlagTableModel::rowOf(const QString &key) const {
  return m_rows->rowOf(key);
}

const FlagValue *FlagTableModel::find(const QString &key) const {
  return m_rows->find(key);
}

int FlagTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int FlagTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlagTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const FlagValue &flag = m_rows->at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(flag, index.column());
  case Qt::ToolTipRole:
    if (index.column() == UpdatedAtColumn)
      return format::dateTimeLocal(flag.updatedAtMs);
    if (index.column() == KeyColumn && !flag.description.isEmpty())
      return flag.description;
    return {};
  case Qt::TextAlignmentRole:
    return index.column() == RolloutColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                           : int(Qt::AlignLeft | Qt::AlignVCenter);
  case FlagKeyRole: return flag.key;
  case KindRole: return flag.kind;
  case ServiceRole: return flag.service;
  case EnabledRole: return flag.enabled;
  case RolloutPercentRole: return flag.rolloutPercent;
  case UpdatedAtRole: return flag.updatedAtMs;
  case SortRole:
    switch (index.column()) {
    case EnabledColumn: return flag.enabled ? 1.0 : 0.0;
    case RolloutColumn: return double(flag.rolloutPercent);
    case UpdatedAtColumn: return double(flag.updatedAtMs);
    default: return displayData(flag, index.column());
    }
  default: return {};
  }
}

QVariant FlagTableModel::displayData(const FlagValue &flag, int column) const {
  switch (column) {
  case KeyColumn: return flag.key;
  case KindColumn: return flag.kind;
  case EnabledColumn: return flag.enabled ? tr("on") : tr("off");
  case RolloutColumn: return QStringLiteral("%1 %").arg(flag.rolloutPercent);
  case ServiceColumn: return flag.service;
  case OwnerColumn: return flag.owner;
  case UpdatedByColumn: return flag.updatedBy;
  case UpdatedAtColumn: return format::timeLocal(flag.updatedAtMs);
  default: return {};
  }
}

QVariant FlagTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {
      QT_TR_NOOP("Flag"),    QT_TR_NOOP("Kind"),  QT_TR_NOOP("Enabled"),    QT_TR_NOOP("Rollout"),
      QT_TR_NOOP("Service"), QT_TR_NOOP("Owner"), QT_TR_NOOP("Updated by"), QT_TR_NOOP("Updated at")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> FlagTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{FlagKeyRole, "flagKey"},
                {KindRole, "kind"},
                {ServiceRole, "service"},
                {EnabledRole, "enabled"},
                {RolloutPercentRole, "rolloutPercent"},
                {UpdatedAtRole, "updatedAt"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
