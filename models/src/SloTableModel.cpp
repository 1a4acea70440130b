#include "pxp/models/SloTableModel.h"

#include "KeyedRows.h"
#include "ValueEquality.h"
#include "pxp/models/Format.h"

#include <cmath>

namespace pxp::models {

using client::SloValue;

struct SloTableModel::Rows : detail::KeyedRows<SloValue, &SloValue::id> {};

namespace {

// Index into SloValue::windows (pxp.v1.Window - 1) of each burn-rate column.
int windowOfColumn(int column) {
  switch (column) {
  case SloTableModel::Burn5mColumn: return 0;
  case SloTableModel::Burn30mColumn: return 1;
  case SloTableModel::Burn1hColumn: return 2;
  case SloTableModel::Burn6hColumn: return 4;
  case SloTableModel::Burn1dColumn: return 5;
  case SloTableModel::Burn3dColumn: return 6;
  default: return -1;
  }
}

bool isNumericColumn(int column) {
  return column >= SloTableModel::ObjectiveColumn && column <= SloTableModel::Burn3dColumn;
}

QString sloLabel(const SloValue &slo) {
  return slo.name.isEmpty() ? slo.id : slo.name;
}

double burnOf(const SloValue &slo, int window) {
  const client::WindowValue &w = slo.windows[std::size_t(window)];
  return w.noData ? client::kNaN : w.burnRate;
}

} // namespace

SloTableModel::SloTableModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

SloTableModel::~SloTableModel() = default;

SloValue SloTableModel::merged(const SloValue &current, const SloValue &update) {
  const bool hasDefinition = !update.name.isEmpty() || !update.service.isEmpty();
  SloValue result = update.hasStatus ? update : current;
  if (!hasDefinition) {
    result.name = current.name;
    result.service = current.service;
    result.productArea = current.productArea;
    result.owner = current.owner;
    result.runbookUrl = current.runbookUrl;
    result.description = current.description;
    result.sliKind = current.sliKind;
    result.objective = current.objective;
    result.periodSeconds = current.periodSeconds;
  } else if (!update.hasStatus) {
    result.name = update.name;
    result.service = update.service;
    result.productArea = update.productArea;
    result.owner = update.owner;
    result.runbookUrl = update.runbookUrl;
    result.description = update.description;
    result.sliKind = update.sliKind;
    result.objective = update.objective;
    result.periodSeconds = update.periodSeconds;
  }
  result.id = current.id;
  result.hasStatus = current.hasStatus || update.hasStatus;
  return result;
}

int SloTableModel::stateSeverity(client::SloState state) {
  switch (state) {
  case client::SloState::Critical: return 5;
  case client::SloState::Error: return 4;
  case client::SloState::Warning: return 3;
  case client::SloState::NoData: return 2;
  case client::SloState::Ok: return 1;
  case client::SloState::Unspecified: break;
  }
  return 0;
}

void SloTableModel::setSlos(const QList<SloValue> &slos) {
  const QList<SloValue> unique = Rows::deduplicated(slos);
  if (!m_rows->hasSameKeys(unique)) {
    beginResetModel();
    m_rows->assign(unique);
    endResetModel();
  } else {
    for (const SloValue &slo : unique)
      upsert(slo, false);
  }
  emit updated();
}

void SloTableModel::mergeSlos(const QList<SloValue> &slos) {
  if (slos.isEmpty())
    return;
  for (const SloValue &slo : slos)
    upsert(slo, true);
  emit updated();
}

void SloTableModel::removeSlos(const QStringList &ids) {
  bool removed = false;
  for (const QString &id : ids) {
    const int row = m_rows->rowOf(id);
    if (row < 0)
      continue;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows->removeAt(row);
    endRemoveRows();
    removed = true;
  }
  if (removed)
    emit updated();
}

void SloTableModel::upsert(const SloValue &value, bool merge) {
  const int row = m_rows->rowOf(value.id);
  if (row < 0) {
    const int newRow = m_rows->size();
    beginInsertRows(QModelIndex(), newRow, newRow);
    m_rows->append(value);
    endInsertRows();
    return;
  }
  const SloValue next = merge ? merged(m_rows->at(row), value) : value;
  if (detail::sameValue(next, m_rows->at(row)))
    return;
  m_rows->replace(row, next);
  emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const SloValue &SloTableModel::at(int row) const {
  return m_rows->at(row);
}

int SloTableModel::rowOf(const QString &id) const {
  return m_rows->rowOf(id);
}

const SloValue *SloTableModel::find(const QString &id) const {
  return m_rows->find(id);
}

int SloTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int SloTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant SloTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const SloValue &slo = m_rows->at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(slo, index.column());
  case Qt::ToolTipRole: return toolTipData(slo, index.column());
  case Qt::TextAlignmentRole:
    return isNumericColumn(index.column()) || index.column() == TimeToExhaustionColumn
               ? int(Qt::AlignRight | Qt::AlignVCenter)
               : int(Qt::AlignLeft | Qt::AlignVCenter);
  case SloIdRole: return slo.id;
  case NameRole: return sloLabel(slo);
  case ServiceRole: return slo.service;
  case ProductAreaRole: return slo.productArea;
  case OwnerRole: return slo.owner;
  case ObjectiveRole: return slo.objective;
  case AttainmentRole: return slo.attainment;
  case BudgetRemainingRole: return slo.budgetRemainingRatio;
  case TierRole: return int(slo.tier);
  case StateRole: return int(slo.state);
  case StateSeverityRole: return stateSeverity(slo.state);
  case TimeToExhaustionRole: return slo.timeToExhaustionSeconds;
  case LastDataRole: return slo.lastDataMs;
  case BurnRateRole: {
    const int window = windowOfColumn(index.column());
    return window < 0 ? QVariant() : QVariant(burnOf(slo, window));
  }
  case SortRole: return sortData(slo, index.column());
  default: return {};
  }
}

QVariant SloTableModel::displayData(const SloValue &slo, int column) const {
  if (const int window = windowOfColumn(column); window >= 0)
    return format::burnRate(burnOf(slo, window));
  switch (column) {
  case SloColumn: return sloLabel(slo);
  case ServiceColumn: return slo.service;
  case ProductAreaColumn: return slo.productArea;
  case OwnerColumn: return slo.owner;
  case ObjectiveColumn: return format::objective(slo.objective);
  case AttainmentColumn: return format::percent(slo.attainment);
  case BudgetRemainingColumn: return format::budgetLeft(slo.budgetRemainingRatio);
  case TierColumn: return client::tierName(slo.tier);
  case StateColumn: return client::sloStateName(slo.state);
  case TimeToExhaustionColumn:
    if (std::isnan(slo.timeToExhaustionSeconds))
      return format::noData();
    return slo.timeToExhaustionSeconds <= 0 ? tr("exhausted") : format::duration(slo.timeToExhaustionSeconds);
  case LastDataColumn: return slo.lastDataMs == 0 ? format::noData() : format::timeLocal(slo.lastDataMs);
  default: return {};
  }
}

QVariant SloTableModel::sortData(const SloValue &slo, int column) const {
  if (const int window = windowOfColumn(column); window >= 0)
    return burnOf(slo, window);
  switch (column) {
  case SloColumn: return sloLabel(slo);
  case ServiceColumn: return slo.service;
  case ProductAreaColumn: return slo.productArea;
  case OwnerColumn: return slo.owner;
  case ObjectiveColumn: return slo.objective;
  case AttainmentColumn: return slo.attainment;
  case BudgetRemainingColumn: return slo.budgetRemainingRatio;
  case TierColumn: return double(slo.tier);
  case StateColumn: return double(stateSeverity(slo.state));
  case TimeToExhaustionColumn: return slo.timeToExhaustionSeconds;
  case LastDataColumn: return double(slo.lastDataMs);
  default: return {};
  }
}

QVariant SloTableModel::toolTipData(const SloValue &slo, int column) const {
  if (const int window = windowOfColumn(column); window >= 0) {
    const client::WindowValue &w = slo.windows[std::size_t(window)];
    if (w.noData && !slo.error.isEmpty())
      return slo.error; // the source failed: say why, not just "no events"
    if (w.noData)
      return tr("%1 window: no events").arg(client::windowName(window));
    QString text = tr("%1 window: %2 good of %3 events, SLI %4")
                       .arg(client::windowName(window))
                       .arg(w.good, 0, 'f', 0)
                       .arg(w.total, 0, 'f', 0)
                       .arg(format::percent(w.sli, 3));
    if (w.lowTraffic)
      text += tr(" (low traffic: no verdict)");
    return text;
  }
  switch (column) {
  case SloColumn: {
    QString text = slo.id;
    if (!slo.description.isEmpty())
      text += QLatin1Char('\n') + slo.description;
    if (!slo.runbookUrl.isEmpty())
      text += QLatin1Char('\n') + tr("Runbook: %1").arg(slo.runbookUrl);
    return text;
  }
  case AttainmentColumn: return std::isnan(slo.attainment) && !slo.error.isEmpty() ? QVariant(slo.error) : QVariant();
  case BudgetRemainingColumn:
    if (std::isnan(slo.budgetRemainingRatio))
      return slo.error.isEmpty() ? QVariant() : QVariant(slo.error); // unknown, and why
    return tr("%1 of %2 allowed bad events left this period")
        .arg(slo.budgetRemainingEvents, 0, 'f', 0)
        .arg(slo.budgetTotalEvents, 0, 'f', 0);
  case StateColumn: return slo.error.isEmpty() ? QVariant() : QVariant(slo.error);
  case TimeToExhaustionColumn: return tr("At the current 1 h burn rate");
  case LastDataColumn: return format::dateTimeLocal(slo.lastDataMs);
  default: return {};
  }
}

QVariant SloTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
    return {};
  if (role == Qt::DisplayRole) {
    static const char *const kTitles[ColumnCount] = {
        QT_TR_NOOP("SLO"),       QT_TR_NOOP("Service"),     QT_TR_NOOP("Product area"), QT_TR_NOOP("Owner"),
        QT_TR_NOOP("Objective"), QT_TR_NOOP("Attainment"),  QT_TR_NOOP("Budget"),       QT_TR_NOOP("Burn 5m"),
        QT_TR_NOOP("Burn 30m"),  QT_TR_NOOP("Burn 1h"),     QT_TR_NOOP("Burn 6h"),      QT_TR_NOOP("Burn 1d"),
        QT_TR_NOOP("Burn 3d"),   QT_TR_NOOP("Firing tier"), QT_TR_NOOP("State"),        QT_TR_NOOP("Exhausted in"),
        QT_TR_NOOP("Last data")};
    return tr(kTitles[section]);
  }
  if (role == Qt::ToolTipRole) {
    if (windowOfColumn(section) >= 0)
      return tr("Burn rate: 1× spends the error budget exactly over the SLO period");
    if (section == AttainmentColumn)
      return tr("SLI over the whole SLO period");
    if (section == TimeToExhaustionColumn)
      return tr("Time until the error budget is gone at the current 1 h burn rate");
  }
  return {};
}

QHash<int, QByteArray> SloTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{SloIdRole, "sloId"},
                {NameRole, "name"},
                {ServiceRole, "service"},
                {ProductAreaRole, "productArea"},
                {OwnerRole, "owner"},
                {ObjectiveRole, "objective"},
                {AttainmentRole, "attainment"},
                {BudgetRemainingRole, "budgetRemaining"},
                {TierRole, "tier"},
                {StateRole, "state"},
                {StateSeverityRole, "stateSeverity"},
                {TimeToExhaustionRole, "timeToExhaustion"},
                {LastDataRole, "lastData"},
                {BurnRateRole, "burnRate"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
