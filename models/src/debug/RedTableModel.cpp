#include "pxp/models/debug/RedTableModel.h"

#include "KeyedRows.h"
#include "VanishedRuns.h"
#include "pxp/models/Format.h"

#include <QSet>

namespace pxp::models {

using client::RedValue;

namespace {

struct RedRow {
  QString key; // service + '\n' + endpoint
  RedValue value;
};

QString keyOf(const QString &service, const QString &endpoint) {
  return service + QLatin1Char('\n') + endpoint;
}

bool sameValue(const RedValue &a, const RedValue &b) {
  return a.windowSeconds == b.windowSeconds && a.requestsPerSecond == b.requestsPerSecond &&
         a.errorRatio == b.errorRatio && a.p50Ms == b.p50Ms && a.p95Ms == b.p95Ms && a.p99Ms == b.p99Ms;
}

QString millis(double ms) {
  return QString::number(ms, 'f', 1);
}

} // namespace

struct RedTableModel::Rows : detail::KeyedRows<RedRow, &RedRow::key> {};

RedTableModel::RedTableModel(QObject *parent) : QAbstractTableModel(parent), m_rows(std::make_unique<Rows>()) {}

RedTableModel::~RedTableModel() = default;

void RedTableModel::setEndpoints(const QList<RedValue> &endpoints) {
  QList<RedRow> incoming;
  for (const RedValue &red : endpoints)
    incoming.append({keyOf(red.service, red.endpoint), red});
  incoming = Rows::deduplicated(incoming);
  QSet<QString> keep;
  for (const RedRow &row : incoming)
    keep.insert(row.key);
  detail::forEachVanishedRun(
      m_rows->size(), [&](int row) { return !keep.contains(m_rows->at(row).key); },
      [&](int first, int last) {
        beginRemoveRows(QModelIndex(), first, last);
        for (int row = last; row >= first; --row)
          m_rows->removeAt(row);
        endRemoveRows();
      });
  for (const RedRow &red : incoming) {
    const int row = m_rows->rowOf(red.key);
    if (row < 0) {
      beginInsertRows(QModelIndex(), m_rows->size(), m_rows->size());
      m_rows->append(red);
      endInsertRows();
    } else if (!sameValue(m_rows->at(row).value, red.value)) {
      m_rows->replace(row, red);
      emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
  }
}

void RedTableModel::clear() {
  setEndpoints({});
}

const RedValue &RedTableModel::at(int row) const {
  return m_rows->at(row).value;
}

int RedTableModel::rowOf(const QString &service, const QString &endpoint) const {
  return m_rows->rowOf(keyOf(service, endpoint));
}

int RedTableModel::rowCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : m_rows->size();
}

int RedTableModel::columnCount(const QModelIndex &parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant RedTableModel::data(const QModelIndex &index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
    return {};
  const RedValue &red = m_rows->at(index.row()).value;
  switch (role) {
  case Qt::DisplayRole: return displayData(red, index.column());
  case Qt::TextAlignmentRole:
    return index.column() >= RequestsPerSecondColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                     : int(Qt::AlignLeft | Qt::AlignVCenter);
  case ServiceRole: return red.service;
  case EndpointRole: return red.endpoint;
  case RequestsPerSecondRole: return red.requestsPerSecond;
  case ErrorRatioRole: return red.errorRatio;
  case SortRole:
    switch (index.column()) {
    case RequestsPerSecondColumn: return red.requestsPerSecond;
    case ErrorRatioColumn: return red.errorRatio;
    case P50Column: return red.p50Ms;
    case P95Column: return red.p95Ms;
    case P99Column: return red.p99Ms;
    default: return displayData(red, index.column());
    }
  default: return {};
  }
}

QVariant RedTableModel::displayData(const RedValue &red, int column) const {
  switch (column) {
  case ServiceColumn: return red.service;
  case EndpointColumn: return red.endpoint;
  case RequestsPerSecondColumn: return QString::number(red.requestsPerSecond, 'f', 2);
  case ErrorRatioColumn: return format::percent(red.errorRatio);
  case P50Column: return millis(red.p50Ms);
  case P95Column: return millis(red.p95Ms);
  case P99Column: return millis(red.p99Ms);
  default: return {};
  }
}

QVariant RedTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
    return {};
  static const char *const kTitles[ColumnCount] = {
      QT_TR_NOOP("Service"),  QT_TR_NOOP("Endpoint"), QT_TR_NOOP("Req/s"),   QT_TR_NOOP("Errors"),
      QT_TR_NOOP("p50 (ms)"), QT_TR_NOOP("p95 (ms)"), QT_TR_NOOP("p99 (ms)")};
  return tr(kTitles[section]);
}

QHash<int, QByteArray> RedTableModel::roleNames() const {
  QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
  names.insert({{ServiceRole, "service"},
                {EndpointRole, "endpoint"},
                {RequestsPerSecondRole, "requestsPerSecond"},
                {ErrorRatioRole, "errorRatio"},
                {SortRole, "sort"}});
  return names;
}

} // namespace pxp::models
