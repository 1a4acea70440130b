#include "pxp/models/DeploymentTableModel.h"

#include "KeyedRows.h"
#include "ValueEquality.h"
#include "pxp/models/Format.h"

namespace pxp::models {

using client::DeploymentValue;

struct DeploymentTableModel::Rows : detail::KeyedRows<DeploymentValue, &DeploymentValue::id> {};

DeploymentTableModel::DeploymentTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

DeploymentTableModel::~DeploymentTableModel() = default;

void DeploymentTableModel::setDeployments(const QList<DeploymentValue> &deployments) {
  const QList<DeploymentValue> unique = Rows::deduplicated(deployments);
  if (m_rows->hasSameKeys(unique)) {
    upsertDeployments(unique);
    return;
  }
  beginResetModel();
  m_rows->assign(unique);
  endResetModel();
  trim();
}

void DeploymentTableModel::upsertDeployments(const QList<DeploymentValue> &deployments) {
  for (const DeploymentValue &deployment : deployments)
    upsert(deployment);
  trim();
}

void DeploymentTableModel::upsert(const DeploymentValue &deployment) {
  const int row = m_rows->rowOf(deployment.id);
  if (row < 0) {
    beginInsertRows(QModelIndex(), m_rows->size(), m_rows->size());
    m_rows->append(deployment);
    endInsertRows();
    return;
  }
  if (detail::sameValue(m_rows->at(row), deployment))
    return;
  m_rows->replace(row, deployment);
  emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

// Removes the oldest finished deployment until the table fits; active ones are never dropped.
void DeploymentTableModel::trim() {
  while (m_rows->size() > kMaxRows) {
    int oldest = -1;
    for (int row = 0; row < m_rows->size(); ++row) {
      const DeploymentValue &d = m_rows->at(row);
      if (!d.active() && (oldest < 0 || d.startedAtMs < m_rows->at(oldest).startedAtMs))
        oldest = row;
    }
    if (oldest < 0)
      return;
    beginRemoveRows(QModelIndex(), oldest, oldest);
    m_rows->removeAt(oldest);
    endRemoveRows();
  }
}

const DeploymentValue &DeploymentTableModel::at(int row) const {
  return m_rows->at(row);
}

int DeploymentTableModel::rowOf(const QString &id) const {
  return m_rows->rowOf(id);
}

const DeploymentValue *DeploymentTableModel::find(const QString &id) const {
  return m_rows->find(id);
}

QList<DeploymentValue> DeploymentTableModel::active(const QString &service) const {
  QList<DeploymentValue> result;
  for (const DeploymentValue &d : m_rows->rows())
    if (d.active() && (service.isEmpty() || d.service == service))
      result.append(d);
  return result;
}

int DeploymentTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int DeploymentTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeploymentTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const DeploymentValue &d = m_rows->at(index.row());
  const bool analysed = d.hasAnalysis;
  switch (role) {
  case Qt::DisplayRole: return displayData(d, index.column());
  case Qt::ToolTipRole:
    if (index.column() == StartedColumn)
      return format::dateTimeLocal(d.startedAtMs);
    if (index.column() == CanaryColumn && analysed)
      return tr("Canary analysis: %1\np95 %2 ms (canary) vs %3 ms (baseline) over %4")
          .arg(d.analysis.verdict, format::ratio(d.analysis.canaryP95Ms, 1), format::ratio(d.analysis.baselineP95Ms, 1),
               format::duration(double(d.analysis.windowSeconds)));
    return {};
  case Qt::TextAlignmentRole:
    return index.column() == WeightColumn || index.column() == FailedChecksColumn
               ? int(Qt::AlignRight | Qt::AlignVCenter)
               : int(Qt::AlignLeft | Qt::AlignVCenter);
  case DeploymentIdRole: return d.id;
  case ServiceRole: return d.service;
  case StatusRole: return d.status;
  case ActiveRole: return d.active();
  case WeightPercentRole: return d.weightPercent;
  case CanarySuccessRole: return analysed ? d.analysis.canarySuccess : client::kNaN;
  case BaselineSuccessRole: return analysed ? d.analysis.baselineSuccess : client::kNaN;
  case StartedAtRole: return d.startedAtMs;
  case SortRole: return sortData(d, index.column());
  default: return {};
  }
}

QVariant DeploymentTableModel::displayData(const DeploymentValue &d, int column) const {
  switch (column) {
  case ServiceColumn: return d.service;
  case VersionColumn: return d.version;
  case PreviousColumn: return d.previousVersion;
  case StrategyColumn: return d.strategy;
  case WeightColumn: return QStringLiteral("%1 %").arg(d.weightPercent);
  case StatusColumn: return d.status;
  case CanaryColumn:
    if (!d.hasAnalysis)
      return QString();
    return tr("%1 canary, %2 baseline")
        .arg(format::percent(d.analysis.canarySuccess), format::percent(d.analysis.baselineSuccess));
  case FailedChecksColumn: return d.hasAnalysis ? QString::number(d.analysis.failedChecks) : QString();
  case StartedColumn: return format::timeLocal(d.startedAtMs);
  case AuthorColumn: return d.author;
  default: return {};
  }
}

QVariant DeploymentTableModel::sortData(const DeploymentValue &d, int column) const {
  switch (column) {
  case WeightColumn: return double(d.weightPercent);
  case CanaryColumn: return d.hasAnalysis ? d.analysis.canarySuccess : client::kNaN;
  case FailedChecksColumn: return d.hasAnalysis ? double(d.analysis.failedChecks) : client::kNaN;
  case StartedColumn: return double(d.startedAtMs);
  default: return displayData(d, column);
  }
}

QVariant DeploymentTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Service"),
                                                   QT_TR_NOOP("Version"),
                                                   QT_TR_NOOP("Previous"),
                                                   QT_TR_NOOP("Strategy"),
                                                   QT_TR_NOOP("Weight"),
                                                   QT_TR_NOOP("Status"),
                                                   QT_TR_NOOP("Success (canary, baseline)"),
                                                   QT_TR_NOOP("Failed checks"),
                                                   QT_TR_NOOP("Started"),
                                                   QT_TR_NOOP("Author")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> DeploymentTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{DeploymentIdRole, "deploymentId"},
                {ServiceRole, "service"},
                {StatusRole, "status"},
                {ActiveRole, "active"},
                {WeightPercentRole, "weightPercent"},
                {CanarySuccessRole, "canarySuccess"},
                {BaselineSuccessRole, "baselineSuccess"},
                {StartedAtRole, "startedAt"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
