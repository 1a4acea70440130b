#include "pxp/models/AlertTableModel.h"

#include "KeyedRows.h"
#include "ValueEquality.h"
#include "pxp/models/Format.h"

#include <algorithm>
#include <cmath>

namespace pxp::models {

using client::AlertValue;

struct AlertTableModel::Rows : detail::KeyedRows<AlertValue, &AlertValue::id> {};

AlertTableModel::AlertTableModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

AlertTableModel::~AlertTableModel() = default;

bool AlertTableModel::showsBefore(const AlertValue &a, const AlertValue &b) {
  if (a.firing != b.firing)
    return a.firing;
  if (a.firing) {
    if (a.page != b.page)
      return a.page;
    if (a.firedAtMs != b.firedAtMs)
      return a.firedAtMs > b.firedAtMs;
  } else if (a.resolvedAtMs != b.resolvedAtMs) {
    return a.resolvedAtMs > b.resolvedAtMs;
  }
  return a.id < b.id;
}

void AlertTableModel::setAlerts(const QList<AlertValue> &alerts) {
  QList<AlertValue> unique = Rows::deduplicated(alerts);
  if (m_rows->hasSameKeys(unique)) {
    upsertAlerts(unique);
    return;
  }
  std::sort(unique.begin(), unique.end(), &AlertTableModel::showsBefore);
  const auto firingEnd =
      std::partition_point(unique.begin(), unique.end(), [](const AlertValue &a) { return a.firing; });
  const qsizetype keep = (firingEnd - unique.begin()) + kMaxResolved;
  if (unique.size() > keep)
    unique.resize(keep);
  beginResetModel();
  m_rows->assign(unique);
  endResetModel();
}

void AlertTableModel::upsertAlerts(const QList<AlertValue> &alerts) {
  for (const AlertValue &alert : alerts)
    upsert(alert);
  trimResolved();
}

// The row `alert` belongs on in the list without `skipRow` (-1: skip nothing): a binary
// search over the rows as they will be once the alert has left its old place.
int AlertTableModel::positionFor(const AlertValue &alert, int skipRow) const {
  int first = 0;
  int count = m_rows->size() - (skipRow >= 0 ? 1 : 0);
  while (count > 0) {
    const int step = count / 2;
    const int mid = first + step;
    const int real = skipRow >= 0 && mid >= skipRow ? mid + 1 : mid;
    if (showsBefore(m_rows->at(real), alert)) {
      first = mid + 1;
      count -= step + 1;
    } else {
      count = step;
    }
  }
  return first;
}

void AlertTableModel::upsert(const AlertValue &alert) {
  const int row = m_rows->rowOf(alert.id);
  if (row < 0) {
    const int at = positionFor(alert, -1);
    beginInsertRows(QModelIndex(), at, at);
    m_rows->insert(at, alert);
    endInsertRows();
    return;
  }
  if (detail::sameValue(m_rows->at(row), alert))
    return;
  const int target = positionFor(alert, row);
  if (target != row) {
    // beginMoveRows counts the destination in the rows before the move.
    beginMoveRows(QModelIndex(), row, row, QModelIndex(), target > row ? target + 1 : target);
    m_rows->move(row, target);
    m_rows->replace(target, alert);
    endMoveRows();
  } else {
    m_rows->replace(row, alert);
  }
  emit dataChanged(index(target, 0), index(target, ColumnCount - 1));
}

// Resolved alerts sort to the bottom, oldest last: trimming is removing the last rows.
void AlertTableModel::trimResolved() {
  const int resolved = m_rows->size() - firingCount();
  if (resolved <= kMaxResolved)
    return;
  const int excess = resolved - kMaxResolved;
  beginRemoveRows(QModelIndex(), m_rows->size() - excess, m_rows->size() - 1);
  m_rows->removeLast(excess);
  endRemoveRows();
}

void AlertTableModel::setNowMs(qint64 nowMs) {
  if (nowMs == m_nowMs)
    return;
  m_nowMs = nowMs;
  // Firing rows are on top, contiguous.
  const int firingRows = firingCount();
  if (firingRows > 0)
    emit dataChanged(index(0, DurationColumn), index(firingRows - 1, DurationColumn));
}

const AlertValue &AlertTableModel::at(int row) const {
  return m_rows->at(row);
}

int AlertTableModel::rowOf(const QString &id) const {
  return m_rows->rowOf(id);
}

const AlertValue *AlertTableModel::find(const QString &id) const {
  return m_rows->find(id);
}

QList<AlertValue> AlertTableModel::firing(const QString &service) const {
  QList<AlertValue> result;
  for (const AlertValue &alert : m_rows->rows()) {
    if (!alert.firing)
      break;
    if (service.isEmpty() || alert.service == service)
      result.append(alert);
  }
  return result;
}

int AlertTableModel::firingCount() const {
  const QList<AlertValue> &rows = m_rows->rows();
  return int(std::partition_point(rows.begin(), rows.end(), [](const AlertValue &a) { return a.firing; }) -
             rows.begin());
}

int AlertTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int AlertTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

double AlertTableModel::durationSeconds(const AlertValue &alert) const {
  const qint64 endMs = alert.firing ? m_nowMs : alert.resolvedAtMs;
  if (alert.firedAtMs == 0 || endMs < alert.firedAtMs)
    return client::kNaN;
  return double(endMs - alert.firedAtMs) / 1000.0;
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const AlertValue &alert = m_rows->at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(alert, index.column());
  case Qt::ToolTipRole:
    switch (index.column()) {
    case SeverityColumn:
      return tr("%1 tier; burn %2 (long window), %3 (short window) when it fired")
          .arg(client::tierName(alert.tier), format::burnRate(alert.burnLong), format::burnRate(alert.burnShort));
    case FiredAtColumn: return format::dateTimeLocal(alert.firedAtMs);
    case StateColumn:
      return alert.firing ? QVariant() : QVariant(tr("Resolved %1").arg(format::dateTimeLocal(alert.resolvedAtMs)));
    case SummaryColumn:
      return alert.runbookUrl.isEmpty() ? alert.summary
                                        : alert.summary + QLatin1Char('\n') + tr("Runbook: %1").arg(alert.runbookUrl);
    default: return {};
    }
  case AlertIdRole: return alert.id;
  case SloIdRole: return alert.sloId;
  case ServiceRole: return alert.service;
  case FiringRole: return alert.firing;
  case PageRole: return alert.page;
  case TierRole: return int(alert.tier);
  case FiredAtRole: return alert.firedAtMs;
  case ResolvedAtRole: return alert.resolvedAtMs;
  case SortRole: return sortData(alert, index.column());
  default: return {};
  }
}

QVariant AlertTableModel::displayData(const AlertValue &alert, int column) const {
  switch (column) {
  case SeverityColumn: return alert.page ? tr("page") : tr("ticket");
  case SloColumn: return alert.sloId;
  case ServiceColumn: return alert.service;
  case OwnerColumn: return alert.owner;
  case StateColumn: return alert.firing ? tr("firing") : tr("resolved");
  case FiredAtColumn: return format::timeLocal(alert.firedAtMs);
  case DurationColumn: {
    const double seconds = durationSeconds(alert);
    return std::isnan(seconds) ? QString() : format::duration(seconds);
  }
  case SummaryColumn: return alert.summary;
  default: return {};
  }
}

QVariant AlertTableModel::sortData(const AlertValue &alert, int column) const {
  switch (column) {
  case SeverityColumn: return double(alert.tier);
  case StateColumn: return alert.firing ? 1.0 : 0.0;
  case FiredAtColumn: return double(alert.firedAtMs);
  case DurationColumn: return durationSeconds(alert);
  default: return displayData(alert, column);
  }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Severity"), QT_TR_NOOP("SLO"),    QT_TR_NOOP("Service"),
                                                   QT_TR_NOOP("Owner"),    QT_TR_NOOP("State"),  QT_TR_NOOP("Fired at"),
                                                   QT_TR_NOOP("Duration"), QT_TR_NOOP("Summary")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> AlertTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{AlertIdRole, "alertId"},
                {SloIdRole, "sloId"},
                {ServiceRole, "service"},
                {FiringRole, "firing"},
                {PageRole, "page"},
                {TierRole, "tier"},
                {FiredAtRole, "firedAt"},
                {ResolvedAtRole, "resolvedAt"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
