#include "pxp/models/debug/TraceListModel.h"

#include "KeyedRows.h"
#include "VanishedRuns.h"
#include "pxp/models/Format.h"

#include <QSet>

namespace pxp::models {

using client::TraceValue;

namespace {

// What a row shows; spans can differ without the row changing (their count is shown).
bool sameRow(const TraceValue &a, const TraceValue &b) {
  return a.startUs == b.startUs && a.durationUs == b.durationUs && a.hasError == b.hasError &&
         a.rootService == b.rootService && a.rootOperation == b.rootOperation && a.spans.size() == b.spans.size();
}

} // namespace

struct TraceListModel::Rows : detail::KeyedRows<TraceValue, &TraceValue::traceId> {};

TraceListModel::TraceListModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

TraceListModel::~TraceListModel() = default;

void TraceListModel::setTraces(const QList<TraceValue> &traces) {
  const QList<TraceValue> unique = Rows::deduplicated(traces);
  removeVanished(unique);
  QList<TraceValue> added;
  for (const TraceValue &trace : unique)
    if (m_rows->rowOf(trace.traceId) < 0)
      added.append(trace);
  if (!added.isEmpty()) {
    beginInsertRows(QModelIndex(), 0, int(added.size()) - 1);
    for (int i = 0; i < int(added.size()); ++i)
      m_rows->insert(i, added.at(i));
    endInsertRows();
  }
  for (const TraceValue &trace : unique) {
    const int row = m_rows->rowOf(trace.traceId);
    const bool changed = !sameRow(m_rows->at(row), trace);
    m_rows->replace(row, trace); // spans may differ where the row does not show it
    if (changed)
      emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
  }
}

// Removes rows whose id is not in `traces`, one contiguous run at a time.
void TraceListModel::removeVanished(const QList<TraceValue> &traces) {
  QSet<QString> keep;
  for (const TraceValue &trace : traces)
    keep.insert(trace.traceId);
  detail::forEachVanishedRun(
      m_rows->size(), [&](int row) { return !keep.contains(m_rows->at(row).traceId); },
      [&](int first, int last) {
        beginRemoveRows(QModelIndex(), first, last);
        for (int row = last; row >= first; --row)
          m_rows->removeAt(row);
        endRemoveRows();
      });
}

void TraceListModel::clear() {
  setTraces({});
}

const TraceValue &TraceListModel::at(int row) const {
  return m_rows->at(row);
}

int TraceListModel::rowOf(const QString &traceId) const {
  return m_rows->rowOf(traceId);
}

const TraceValue *TraceListModel::find(const QString &traceId) const {
  return m_rows->find(traceId);
}

int TraceListModel::newestRow(bool failingOnly) const {
  int best = -1;
  for (int row = 0; row < m_rows->size(); ++row) {
    const TraceValue &trace = m_rows->at(row);
    if ((trace.hasError || !failingOnly) && (best < 0 || trace.startUs > m_rows->at(best).startUs))
      best = row;
  }
  return best;
}

int TraceListModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int TraceListModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant TraceListModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const TraceValue &trace = m_rows->at(index.row());
  switch (role) {
  case Qt::DisplayRole: return displayData(trace, index.column());
  case Qt::ToolTipRole:
    return index.column() == StartColumn ? format::dateTimeLocal(trace.startUs / 1000) : trace.traceId;
  case Qt::TextAlignmentRole:
    return index.column() == DurationColumn || index.column() == SpansColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                                             : int(Qt::AlignLeft | Qt::AlignVCenter);
  case TraceIdRole: return trace.traceId;
  case HasErrorRole: return trace.hasError;
  case StartUsRole: return trace.startUs;
  case SortRole:
    switch (index.column()) {
    case StartColumn: return double(trace.startUs);
    case DurationColumn: return double(trace.durationUs);
    case SpansColumn: return double(trace.spans.size());
    case ErrorColumn: return trace.hasError ? 1.0 : 0.0;
    default: return displayData(trace, index.column());
    }
  default: return {};
  }
}

QVariant TraceListModel::displayData(const TraceValue &trace, int column) const {
  switch (column) {
  case StartColumn: return format::timeLocal(trace.startUs / 1000);
  case ServiceColumn: return trace.rootService;
  case OperationColumn: return trace.rootOperation;
  case DurationColumn: return QString::number(double(trace.durationUs) / 1000.0, 'f', 1);
  case SpansColumn: return int(trace.spans.size());
  case ErrorColumn: return trace.hasError ? tr("yes") : tr("no");
  default: return {};
  }
}

QVariant TraceListModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {QT_TR_NOOP("Start"),     QT_TR_NOOP("Service"),
                                                   QT_TR_NOOP("Operation"), QT_TR_NOOP("Duration (ms)"),
                                                   QT_TR_NOOP("Spans"),     QT_TR_NOOP("Error")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> TraceListModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{TraceIdRole, "traceId"}, {HasErrorRole, "hasError"}, {StartUsRole, "startUs"}, {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
