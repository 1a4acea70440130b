#include "pxp/models/ProductAreaSummaryModel.h"

#include "pxp/models/Format.h"
#include "pxp/models/SloTableModel.h"

#include <QHash>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

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
  return a.area == b.area && a.sloCount == b.sloCount && a.worstState == b.worstState && a.worstSloId == b.worstSloId &&
         sameNumber(a.worstAttainment, b.worstAttainment) && sameNumber(a.worstObjective, b.worstObjective) &&
         sameNumber(a.worstBudgetRemainingRatio, b.worstBudgetRemainingRatio) && a.firingCount == b.firingCount &&
         a.worstSloName == b.worstSloName && a.worstTier == b.worstTier &&
         sameNumber(a.worstBurnLong, b.worstBurnLong) && sameNumber(a.worstBurnShort, b.worstBurnShort);
}

bool isFiring(client::AlertTier tier) {
  return int(tier) > int(client::AlertTier::None);
}

// How bad an SLO is, as one comparable key: state, then firing tier, then least budget left,
// then furthest below its objective (unknown figures count as the least bad).
auto badness(const SloValue &slo) {
  const double budget = std::isnan(slo.budgetRemainingRatio) ? 1e300 : slo.budgetRemainingRatio;
  const double margin = std::isnan(slo.attainment) ? 1e300 : slo.attainment - slo.objective;
  return std::make_tuple(SloTableModel::stateSeverity(slo.state), int(slo.tier), -budget, -margin);
}

// The long and short window of each firing tier (the SRE Workbook's table), as window indices.
std::pair<int, int> tierWindows(client::AlertTier tier) {
  switch (tier) {
  case client::AlertTier::Page: return {2, 0};       // 1h, 5m
  case client::AlertTier::PageSlow: return {4, 1};   // 6h, 30m
  case client::AlertTier::Ticket: return {5, 3};     // 1d, 2h
  case client::AlertTier::TicketSlow: return {6, 4}; // 3d, 6h
  default: return {-1, -1};
  }
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
  QHash<QString, const SloValue *> worst; // by area
  const int sloCount = m_source ? m_source->rowCount() : 0;
  for (int row = 0; row < sloCount; ++row) {
    const SloValue &slo = m_source->at(row);
    AreaSummary &s = byArea[slo.productArea];
    s.area = slo.productArea;
    ++s.sloCount;
    if (s.sloCount == 1 || badness(slo) > badness(*worst[slo.productArea])) {
      worst[slo.productArea] = &slo;
      s.worstState = slo.state;
      s.worstSloId = slo.id;
      s.worstSloName = slo.name;
      s.worstAttainment = slo.attainment;
      s.worstObjective = slo.objective;
      s.worstBudgetRemainingRatio = slo.budgetRemainingRatio;
      s.worstTier = isFiring(slo.tier) ? slo.tier : client::AlertTier::None;
      const auto [longWindow, shortWindow] = tierWindows(s.worstTier);
      s.worstBurnLong = longWindow < 0 ? client::kNaN : slo.windows[longWindow].burnRate;
      s.worstBurnShort = shortWindow < 0 ? client::kNaN : slo.windows[shortWindow].burnRate;
      s.worstLongWindow = longWindow < 0 ? QString() : client::windowName(longWindow);
      s.worstShortWindow = shortWindow < 0 ? QString() : client::windowName(shortWindow);
    }
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
    if (index.column() == WorstAttainmentColumn && !s.worstSloId.isEmpty())
      return tr("The area's worst SLO (by state, alert tier, budget left): %1").arg(s.worstSloId);
    return {};
  case Qt::TextAlignmentRole:
    return index.column() == AreaColumn || index.column() == WorstStateColumn ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                                                              : int(Qt::AlignRight | Qt::AlignVCenter);
  case AreaRole: return s.area;
  case SloCountRole: return s.sloCount;
  case WorstStateRole: return int(s.worstState);
  case WorstStateSeverityRole: return SloTableModel::stateSeverity(s.worstState);
  case WorstAttainmentRole: return s.worstAttainment;
  case WorstObjectiveRole: return s.worstObjective;
  case WorstSloIdRole: return s.worstSloId;
  case WorstBudgetRemainingRole: return s.worstBudgetRemainingRatio;
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
  case WorstAttainmentColumn:
    if (std::isnan(s.worstAttainment))
      return format::noData();
    return tr("%1 vs %2").arg(format::percent(s.worstAttainment), format::objective(s.worstObjective));
  case WorstBudgetColumn: return format::budgetLeft(s.worstBudgetRemainingRatio);
  case FiringColumn: return QString::number(s.firingCount);
  default: return {};
  }
}

QVariant ProductAreaSummaryModel::sortData(const AreaSummary &s, int column) const {
  switch (column) {
  case AreaColumn: return s.area;
  case SloCountColumn: return double(s.sloCount);
  case WorstStateColumn: return double(SloTableModel::stateSeverity(s.worstState));
  case WorstAttainmentColumn: return s.worstAttainment - s.worstObjective; // margin; NaN = no data
  case WorstBudgetColumn: return s.worstBudgetRemainingRatio;
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
                {WorstAttainmentRole, "worstAttainment"},
                {WorstObjectiveRole, "worstObjective"},
                {WorstSloIdRole, "worstSloId"},
                {WorstBudgetRemainingRole, "minBudgetRemaining"},
                {FiringCountRole, "firingCount"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
