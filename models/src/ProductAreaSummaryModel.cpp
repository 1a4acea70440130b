#include "pxp/models/ProductAreaSummaryModel.h"

#include "pxp/models/Format.h"
#include "pxp/models/SloTableModel.h"

#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace pxp::models {

using client::SloValue;

namespace {

bool areaLess(const QString &a, const QString &b) {
  const int byName = QString::compare(a, b, Qt::CaseInsensitive);
  return byName != 0 ? byName < 0 : a < b;
}

bool sameNumber(double a, double b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

bool sameSummary(const ProductAreaSummaryModel::AreaSummary &a, const ProductAreaSummaryModel::AreaSummary &b) {
  return a.area == b.area && a.sloCount == b.sloCount && a.worstState == b.worstState &&
         a.minAttainmentSloId == b.minAttainmentSloId && sameNumber(a.minAttainment, b.minAttainment) &&
         sameNumber(a.minAttainmentObjective, b.minAttainmentObjective) &&
         sameNumber(a.minBudgetRemainingRatio, b.minBudgetRemainingRatio) && a.firingCount == b.firingCount;
}

bool isFiring(client::AlertTier tier) {
  return int(tier) > int(client::AlertTier::None);
}

} // namespace

ProductAreaSummaryModel::ProductAreaSummaryModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProductAreaSummaryModel::setSourceModel(SloTableModel *source) {
  if (m_source)
    disconnect(m_source, nullptr, this, nullptr);
  m_source = source;
  if (m_source) {
    connect(m_source, &SloTableModel::updated, this, &ProductAreaSummaryModel::recompute);
    connect(m_source, &QObject::destroyed, this, [this] {
      beginResetModel();
      m_rows.clear();
      endResetModel();
    });
  }
  recompute();
}

int ProductAreaSummaryModel::rowOf(const QString &area) const {
  const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), area,
                                   [](const AreaSummary &s, const QString &a) { return areaLess(s.area, a); });
  return it != m_rows.end() && it->area == area ? int(it - m_rows.begin()) : -1;
}

QList<ProductAreaSummaryModel::AreaSummary> ProductAreaSummaryModel::summarize() const {
  QMap<QString, AreaSummary> byArea;
  const int sloCount = m_source ? m_source->rowCount() : 0;
  for (int row = 0; row < sloCount; ++row) {
    const SloValue &slo = m_source->at(row);
    AreaSummary &s = byArea[slo.productArea];
    s.area = slo.productArea;
    ++s.sloCount;
    if (SloTableModel::stateSeverity(slo.state) > SloTableModel::stateSeverity(s.worstState))
      s.worstState = slo.state;
    if (!std::isnan(slo.attainment) &&
        (std::isnan(s.minAttainment) || slo.attainment - slo.objective < s.minAttainment - s.minAttainmentObjective)) {
      s.minAttainment = slo.attainment;
      s.minAttainmentObjective = slo.objective;
      s.minAttainmentSloId = slo.id;
    }
    if (!std::isnan(slo.budgetRemainingRatio) &&
        (std::isnan(s.minBudgetRemainingRatio) || slo.budgetRemainingRatio < s.minBudgetRemainingRatio))
      s.minBudgetRemainingRatio = slo.budgetRemainingRatio;
    if (isFiring(slo.tier))
      ++s.firingCount;
  }
  QList<AreaSummary> summaries = byArea.values();
  std::sort(summaries.begin(), summaries.end(),
            [](const AreaSummary &a, const AreaSummary &b) { return areaLess(a.area, b.area); });
  return summaries;
}

// Both lists are sorted by area, so once the vanished areas are removed the old rows are a
// subsequence of the new ones: walking both, a mismatch is always a new area to insert.
void ProductAreaSummaryModel::recompute() {
  const QList<AreaSummary> next = summarize();
  QSet<QString> nextAreas;
  for (const AreaSummary &s : next)
    nextAreas.insert(s.area);
  for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
    if (nextAreas.contains(m_rows.at(row).area))
      continue;
    beginRemoveRows(QModelIndex(), row, row);
    m_rows.removeAt(row);
    endRemoveRows();
  }
  for (int row = 0; row < int(next.size()); ++row) {
    const AreaSummary &s = next.at(row);
    if (row < int(m_rows.size()) && m_rows.at(row).area == s.area) {
      if (!sameSummary(m_rows.at(row), s)) {
        m_rows[row] = s;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
      }
      continue;
    }
    beginInsertRows(QModelIndex(), row, row);
    m_rows.insert(row, s);
    endInsertRows();
  }
}

int ProductAreaSummaryModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : int(m_rows.size());
}

int ProductAreaSummaryModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProductAreaSummaryModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const AreaSummary &s = m_rows.at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(s, index.column());
  case Qt::ToolTipRole:
    if (index.column() == MinAttainmentColumn && !s.minAttainmentSloId.isEmpty())
      return tr("Lowest against its objective: %1").arg(s.minAttainmentSloId);
    return {};
  case Qt::TextAlignmentRole:
    return index.column() == AreaColumn || index.column() == WorstStateColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                                                              : int(Qt::AlignRight | Qt::AlignVCenter);
  case AreaRole: return s.area;
  case SloCountRole: return s.sloCount;
  case WorstStateRole: return int(s.worstState);
  case WorstStateSeverityRole: return SloTableModel::stateSeverity(s.worstState);
  case MinAttainmentRole: return s.minAttainment;
  case MinAttainmentObjectiveRole: return s.minAttainmentObjective;
  case MinAttainmentSloIdRole: return s.minAttainmentSloId;
  case MinBudgetRemainingRole: return s.minBudgetRemainingRatio;
  case FiringCountRole: return s.firingCount;
  case SortRole: return sortData(s, index.column());
  default: return {};
  }
}

QVariant ProductAreaSummaryModel::displayData(const AreaSummary &s, int column) const {
  switch (column) {
  case AreaColumn: return s.area.isEmpty() ? tr("(no product area)") : s.area;
  case SloCountColumn: return QString::number(s.sloCount);
  case WorstStateColumn: return client::sloStateName(s.worstState);
  case MinAttainmentColumn:
    if (std::isnan(s.minAttainment))
      return format::noData();
    return tr("%1 vs %2").arg(format::percent(s.minAttainment), format::objective(s.minAttainmentObjective));
  case MinBudgetColumn: return format::budgetLeft(s.minBudgetRemainingRatio);
  case FiringColumn: return QString::number(s.firingCount);
  default: return {};
  }
}

QVariant ProductAreaSummaryModel::sortData(const AreaSummary &s, int column) const {
  switch (column) {
  case AreaColumn: return s.area;
  case SloCountColumn: return double(s.sloCount);
  case WorstStateColumn: return double(SloTableModel::stateSeverity(s.worstState));
  case MinAttainmentColumn: return s.minAttainment - s.minAttainmentObjective; // margin; NaN = no data
  case MinBudgetColumn: return s.minBudgetRemainingRatio;
  case FiringColumn: return double(s.firingCount);
  default: return {};
  }
}

QVariant ProductAreaSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Product area"),  QT_TR_NOOP("SLOs"),
                                                   QT_TR_NOOP("Worst state"),   QT_TR_NOOP("Lowest attainment"),
                                                   QT_TR_NOOP("Lowest budget"), QT_TR_NOOP("Firing")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> ProductAreaSummaryModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{AreaRole, "area"},
                {SloCountRole, "sloCount"},
                {WorstStateRole, "worstState"},
                {WorstStateSeverityRole, "worstStateSeverity"},
                {MinAttainmentRole, "minAttainment"},
                {MinAttainmentObjectiveRole, "minAttainmentObjective"},
                {MinAttainmentSloIdRole, "minAttainmentSloId"},
                {MinBudgetRemainingRole, "minBudgetRemaining"},
                {FiringCountRole, "firingCount"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
